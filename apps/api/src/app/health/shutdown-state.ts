import { Injectable } from '@nestjs/common';

/** Set by main.ts on SIGTERM: /readyz turns 503 at once, so load balancers stop sending before the port closes. */
@Injectable()
export class ShutdownState {
  private since: Date | null = null;

  begin(at = new Date()): void {
    this.since ??= at;
  }

  get shuttingDown(): boolean {
    return this.since !== null;
  }

  get startedAt(): Date | null {
    return this.since;
  }
}
