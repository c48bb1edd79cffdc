import { join } from 'node:path';
import { z } from 'zod';
import type { ActionPolicy } from '../../shared/contract/index.ts';
import { ActionRequest } from '../../shared/protocol/index.ts';
import { describeZodError } from '../../shared/zod-issues.ts';
import { ConsoleError } from '../common/console-error.ts';
import { parseJsonFile, readTextFile } from '../common/data-files.ts';

const ActionType = z.enum(ActionRequest.options.map((o) => o.shape.type.value) as [ActionRequest['type'], ...ActionRequest['type'][]]);

const PolicySettings = z
  .object({
    ticketRequired: z.boolean(),
    /** A regular expression (JavaScript syntax) the ticket must match. */
    ticketPattern: z
      .string()
      .max(200)
      .refine((p) => {
        try {
          new RegExp(p);
          return true;
        } catch {
          return false;
        }
      }, 'not a valid regular expression')
      .nullable(),
    /** Ask the person to type the target's name before the action runs. */
    typedConfirmation: z.boolean(),
    /** Seconds between two actions on the same target in the same region. */
    cooldownSeconds: z.int().min(0).max(86_400),
    /** Allow break-glass: skip ticket and cooldown with a mandatory reason, marked in the audit trail. */
    breakGlassAllowed: z.boolean(),
  })
  .strict();
type PolicySettings = z.infer<typeof PolicySettings>;

const Rule = PolicySettings.partial()
  .extend({
    /** Action types the rule applies to; absent = all. */
    actions: z.array(ActionType).min(1).optional(),
    /** Region ids; absent = all. */
    regions: z.array(z.string().min(1)).min(1).optional(),
    /** Environments (a toggle's environment; every other action acts on `production`); absent = all. */
    environments: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict();

export const PolicyFile = z.object({ default: PolicySettings, rules: z.array(Rule) }).strict();
export type PolicyFile = z.infer<typeof PolicyFile>;

/**
 * The default when no `policy.json` exists: production changes need a typed confirmation and a
 * 60 s cooldown per target; code and schema rollbacks also need a change ticket. Toggles — the first
 * response to trouble — need no ticket. Break-glass is allowed everywhere.
 */
export const DEFAULT_POLICY: PolicyFile = {
  default: { ticketRequired: false, ticketPattern: null, typedConfirmation: false, cooldownSeconds: 30, breakGlassAllowed: true },
  rules: [
    { actions: ['component.rollback', 'schema.rollback'], environments: ['production'], ticketRequired: true, ticketPattern: '^[A-Z][A-Z0-9]+-\\d+$', typedConfirmation: true, cooldownSeconds: 60 },
    { environments: ['production'], typedConfirmation: true, cooldownSeconds: 60 },
  ],
};

export const POLICY_FILE = 'policy.json';

/** `<dataDir>/policy.json`: validated on load (errors name the file and field); the default when absent. */
export async function loadPolicy(dataDir: string): Promise<PolicyFile> {
  const file = join(dataDir, POLICY_FILE);
  const text = await readTextFile(file);
  if (text === null) return DEFAULT_POLICY;
  const parsed = PolicyFile.safeParse(parseJsonFile(file, text));
  if (!parsed.success) {
    const { message, path } = describeZodError(parsed.error);
    throw new ConsoleError('validation', `${file}: ${message}`, { path });
  }
  return parsed.data;
}

/** What policy asks of one action: the first matching rule over the default, field by field. */
export function policyFor(policy: PolicyFile, action: ActionRequest['type'], region: string, environment: string, targetName: string): ActionPolicy {
  const rule = policy.rules.find(
    (r) => (!r.actions || r.actions.includes(action)) && (!r.regions || r.regions.includes(region)) && (!r.environments || r.environments.includes(environment)),
  );
  const merged: PolicySettings = { ...policy.default, ...Object.fromEntries(Object.entries(rule ?? {}).filter(([k, v]) => v !== undefined && k in policy.default)) };
  return {
    ticketRequired: merged.ticketRequired,
    ticketPattern: merged.ticketPattern,
    typedConfirmation: merged.typedConfirmation ? targetName : null,
    cooldownSeconds: merged.cooldownSeconds,
    breakGlassAllowed: merged.breakGlassAllowed,
  };
}
