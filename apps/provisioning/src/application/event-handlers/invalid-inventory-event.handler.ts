import { Injectable } from '@nestjs/common';
import {
  type EventEnvelope,
  hostCapacityChangedV1,
  hostMaintenanceScheduledV1,
  hostRegisteredV1,
  hostRetiredV1,
  ipRangeAddedV1,
  ipRangeRemovedV1,
} from '@rental/contracts';
import { EventContext, RejectInvalid } from '@rental/messaging';
import { InventoryAnswers } from '../common/inventory-answers';

/** Any inventory event that broke its contract: answered with invalid_event, then dead-lettered by the consumer. */
@Injectable()
export class InvalidInventoryEventHandler {
  constructor(private readonly answers: InventoryAnswers) {}

  @RejectInvalid(hostRegisteredV1, hostCapacityChangedV1, hostMaintenanceScheduledV1, hostRetiredV1, ipRangeAddedV1, ipRangeRemovedV1)
  async onInvalidInventoryEvent(event: EventEnvelope<unknown>, problem: string, ctx: EventContext): Promise<void> {
    await this.answers.rejectInvalid(event, problem, ctx);
  }
}
