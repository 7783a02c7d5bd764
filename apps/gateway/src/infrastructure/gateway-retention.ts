import { Inject, Injectable } from '@nestjs/common';
import { DAY_MS, RetentionPurge } from '@rental/messaging';
import { GATEWAY_SETTINGS, type GatewaySettings } from '../gateway-settings';

/**
 * What the gateway keeps only for a while, handed to the platform's retention purge: idempotency
 * keys (a retry after that places a new order) and provider webhook receipts (a redelivery after
 * that would send payment.record again, which billing ignores: it records each provider event once).
 */
@Injectable()
export class GatewayRetention {
  constructor(retention: RetentionPurge, @Inject(GATEWAY_SETTINGS) settings: GatewaySettings) {
    retention.register({ table: 'gateway_idempotency_keys', column: 'created_at', retentionMs: settings.retention.idempotencyKeyDays * DAY_MS });
    retention.register({ table: 'gateway_payment_provider_events', column: 'received_at', retentionMs: settings.retention.webhookReceiptDays * DAY_MS });
  }
}
