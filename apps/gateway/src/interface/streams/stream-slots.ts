import { Inject, Injectable } from '@nestjs/common';
import { GATEWAY_SETTINGS, type GatewaySettings } from '../../gateway-settings';

/**
 * How many live timelines (SSE) each API key holds open. Each one holds a connection, a database
 * watch and a poll for as long as it lasts, so one key may hold only a few. Counted in this
 * process: with two gateway instances a key may hold the limit on each.
 */
@Injectable()
export class StreamSlots {
  private readonly open = new Map<string, number>();

  constructor(@Inject(GATEWAY_SETTINGS) private readonly settings: GatewaySettings) {}

  /** A slot for the key, with the function that gives it back (once, however often called); null when all are taken. */
  take(keyId: string): (() => void) | null {
    const taken = this.open.get(keyId) ?? 0;
    if (taken >= this.settings.limits.streamsPerKey) return null;
    this.open.set(keyId, taken + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(keyId) ?? 1) - 1;
      if (left <= 0) this.open.delete(keyId);
      else this.open.set(keyId, left);
    };
  }
}
