import type { Handlers } from '../../shared/contract/index.ts';
import type { AlertService } from './alert-service.ts';
import type { TelemetryService } from './telemetry-service.ts';

type TelemetryHandlers = Pick<Handlers, 'telemetry.signals' | 'telemetry.chart' | 'telemetry.judgements' | 'alerts.list' | 'alerts.acknowledge'>;

export function telemetryHandlers(telemetry: TelemetryService, alerts: AlertService, actor: () => { user: string; displayName: string }): TelemetryHandlers {
  return {
    'telemetry.signals': async (args) => telemetry.signals(args),
    'telemetry.chart': async (args) => telemetry.chart(args),
    'telemetry.judgements': async (args) => telemetry.judgements(args),
    'alerts.list': async (args) => alerts.list(args),
    'alerts.acknowledge': async (args) => {
      const who = actor();
      return alerts.acknowledge(args, who.displayName ? `${who.displayName} (${who.user})` : who.user);
    },
  };
}
