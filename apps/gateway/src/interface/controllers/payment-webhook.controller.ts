import { Body, Controller, HttpCode, Post, UseGuards, ValidationPipe } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { RecordPaymentHandler } from '../../application/commands/record-payment.handler';
import { SandboxSignatureGuard } from '../auth/sandbox-signature.guard';
import { PaymentWebhookDto } from '../dto/payment-webhook.dto';
import { WebhookAckView } from '../dto/webhook-ack.view';
import { ApiErrorResponses } from '../http/api-error-responses';
import { validationFailed } from '../http/validation-errors';

/**
 * A tolerant reader for a third party: fields the provider adds later are dropped, not refused
 * (unlike our own API's DTOs). The global pipe skips the untyped parameter; this one validates it.
 */
const providerPayload = new ValidationPipe({
  expectedType: PaymentWebhookDto,
  whitelist: true,
  forbidNonWhitelisted: false,
  transform: true,
  exceptionFactory: validationFailed,
});

/**
 * Not rate-limited: the provider sends from a few addresses, in bursts when many customers pay at
 * once, and a webhook refused with 429 would only come back later. A forged call costs one HMAC and
 * is refused before anything reads the database.
 */
@ApiTags('payment provider')
@SkipThrottle({ address: true, key: true })
@Controller('v1/payment-provider')
export class PaymentWebhookController {
  constructor(private readonly notifications: RecordPaymentHandler) {}

  @Post('webhook')
  @HttpCode(200)
  @UseGuards(SandboxSignatureGuard)
  @ApiOperation({
    summary: "The payment provider's webhook",
    description:
      'Signed: X-Sandbox-Signature is the hex HMAC-SHA256 of `${X-Sandbox-Timestamp}.${raw body}` with the shared secret; ' +
      'the timestamp (Unix seconds) may be at most 5 minutes old and 1 minute ahead. Idempotent on the event id.',
  })
  @ApiHeader({ name: 'X-Sandbox-Timestamp', required: true })
  @ApiHeader({ name: 'X-Sandbox-Signature', required: true })
  @ApiBody({ type: PaymentWebhookDto })
  @ApiOkResponse({ type: WebhookAckView })
  @ApiErrorResponses(400, 401)
  async receive(@Body(providerPayload) body: unknown): Promise<WebhookAckView> {
    const event = body as PaymentWebhookDto;
    const outcome = await this.notifications.receive({
      id: event.id,
      type: event.type,
      paymentId: event.paymentId,
      amountCents: event.amountCents,
      currency: event.currency,
      occurredAt: event.occurredAt,
      ...(event.failureReason !== undefined ? { failureReason: event.failureReason } : {}),
    });
    return { received: true, duplicate: outcome === 'duplicate' };
  }
}
