import { useMutation, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { CallInput, CallName, CallOutput, EventListener, EventName } from '../../../shared/contract/index.ts';
import { useApiClient } from './context.tsx';

export const queryKey = <N extends CallName>(name: N, input: CallInput<N>) => [name, input] as const;

export function useCall<N extends CallName>(
  name: N,
  input: CallInput<N>,
  options: Omit<UseQueryOptions<CallOutput<N>>, 'queryKey' | 'queryFn'> = {},
) {
  const { api } = useApiClient();
  return useQuery<CallOutput<N>>({
    queryKey: queryKey(name, input),
    queryFn: () => (api[name] as (i: CallInput<N>) => Promise<CallOutput<N>>)(input),
    ...options,
  });
}

export function useCallMutation<N extends CallName>(name: N, invalidates: CallName[] = []) {
  const { api } = useApiClient();
  const queryClient = useQueryClient();
  return useMutation<CallOutput<N>, Error, CallInput<N>>({
    mutationFn: (input) => (api[name] as (i: CallInput<N>) => Promise<CallOutput<N>>)(input),
    onSuccess: async () => {
      await Promise.all([name, ...invalidates].map((n) => queryClient.invalidateQueries({ queryKey: [n] })));
    },
  });
}

export function useEvent<E extends EventName>(name: E, listener: EventListener<E>): void {
  const { subscribe } = useApiClient();
  useEffect(() => subscribe(name, listener), [subscribe, name, listener]);
}
