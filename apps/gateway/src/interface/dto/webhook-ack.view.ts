import { ApiProperty } from '@nestjs/swagger';

export class WebhookAckView {
  @ApiProperty({ example: true })
  received!: boolean;

  @ApiProperty({ example: false, description: 'True when this event id was delivered before (nothing was done again)' })
  duplicate!: boolean;
}
