/**
 * Runs history-store calls for a service that must keep working without its store: a failure is
 * reported (once until the message changes, so a broken disk does not flood the log) and yields
 * undefined; the next success clears it.
 */
export class StoreAttempts {
  private lastProblem: string | null = null;

  constructor(private readonly onProblem: (message: string) => void) {}

  run<T>(what: string, call: () => T): T | undefined {
    try {
      const result = call();
      this.lastProblem = null;
      return result;
    } catch (error) {
      const message = `history store: ${what} failed: ${error instanceof Error ? error.message : String(error)}`;
      if (message !== this.lastProblem) this.onProblem(message);
      this.lastProblem = message;
      return undefined;
    }
  }
}
