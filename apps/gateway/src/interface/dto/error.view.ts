import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ErrorDetailView {
  @ApiProperty({ example: 'quantity' })
  field!: string;

  @ApiProperty({ type: [String], example: ['quantity must not be greater than 100'] })
  problems!: string[];
}

export class ErrorView {
  @ApiProperty({
    example: 'validation_failed',
    description:
      'Stable, machine-readable: validation_failed, malformed_json, nested_too_deep, unauthorized, not_found, idempotency_key_required, ' +
      'idempotency_key_reused, reply_timeout, invalid_signature, stale_webhook, catalogue_unavailable, internal_error, ' +
      'rate_limited, too_many_streams, payload_too_large, api_key_revoked, api_key_expired, last_api_key, api_key_not_active, ' +
      "or the order service's reason (unknown_plan, unknown_location, unknown_image, image_not_offered_in_location, " +
      'invalid_period, quote_not_found, quote_expired, quote_already_ordered, no_capacity, too_many_unpaid_orders; for a cancellation not_cancellable; ' +
      'for an extension not_running, extension_pending, invalid_period, too_long; invalid_request for a request the order ' +
      'service found invalid)',
  })
  code!: string;

  @ApiProperty({ example: 'The request is not valid: quantity must not be greater than 100' })
  message!: string;

  @ApiPropertyOptional({ type: [ErrorDetailView] })
  details?: ErrorDetailView[];
}

export class ErrorBodyView {
  @ApiProperty({ type: ErrorView })
  error!: ErrorView;
}
