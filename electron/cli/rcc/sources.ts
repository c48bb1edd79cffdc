import type { FleetState } from '../../../shared/protocol/index.ts';

/** Where a region's document came from, so errors can name the file (or URL) and field. */
export interface SourcedState {
  state: FleetState;
  /** `us-east.json` or `https://rcc.example/ (GET /v1/fleet)` */
  label: string;
  /** Path of the document inside the source (`[1]` when the file holds an array). */
  prefix: (string | number)[];
}

/** Bad input: exit code 2. Each line names its source and field. */
export class InputProblem extends Error {
  readonly lines: string[];

  constructor(lines: string[]) {
    super(lines.join('\n'));
    this.name = 'InputProblem';
    this.lines = lines;
  }
}
