import { z } from 'zod';
import { BoardReport } from '../report/schema.ts';
import { call } from './define.ts';

const TrainInput = z.object({ train: z.number().int().min(0) }).strict();

export const ReportPdf = z.object({
  fileName: z.string(),
  mimeType: z.literal('application/pdf'),
  /** The PDF, base64. */
  base64: z.string(),
  bytes: z.number().int().min(0),
});
export type ReportPdf = z.infer<typeof ReportPdf>;

export const reportCalls = {
  'report.train': call({
    kind: 'query',
    summary: "The board review report of a release train (default: the current one, the newest with live instances): rollouts, skew compliance over time, signals and canary judgements, stage gates, audited actions with the chain head, open alerts and risks",
    input: z.object({ train: z.number().int().min(0).optional() }).strict(),
    output: BoardReport,
  }),
  'report.pdf': call({
    kind: 'query',
    summary: "The train's board report printed to an A4 PDF by the host's Chromium (Electron printToPDF, or headless Chromium for the web host)",
    input: TrainInput,
    output: ReportPdf,
  }),
};
