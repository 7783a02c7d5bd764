import { Inject, Injectable } from '@nestjs/common';
import { GATEWAY_SETTINGS, type GatewaySettings } from '../../gateway-settings';
import { ReadModelChanges } from '../ports/read-model-changes';

/**
 * Waits for the answer to a command to appear in the read model: looks, then sleeps until the
 * event handler signals the key (or the poll interval passes), until the reply timeout.
 */
@Injectable()
export class ReplyWaiter {
  constructor(
    private readonly changes: ReadModelChanges,
    @Inject(GATEWAY_SETTINGS) private readonly settings: GatewaySettings,
  ) {}

  /** The first defined value `probe` returns for `key`, or undefined when the timeout passes first. */
  async waitFor<T>(key: string, probe: () => Promise<T | undefined>): Promise<T | undefined> {
    const deadline = Date.now() + this.settings.replyTimeoutMs;
    // Watch before the first look, so a reply committed in between is not missed.
    const watch = this.changes.watch(key);
    try {
      for (;;) {
        const found = await probe();
        if (found !== undefined) return found;
        const remaining = deadline - Date.now();
        if (remaining <= 0) return undefined;
        await watch.next(Math.min(this.settings.replyPollMs, remaining));
      }
    } finally {
      watch.close();
    }
  }
}
