import { Inject, Injectable } from '@nestjs/common';
import { SharedTokenGuard } from '@rental/service-kit';

export const SIMULATED_DATACENTRE_OPERATOR_TOKEN = Symbol('SIMULATED_DATACENTRE_OPERATOR_TOKEN');

/**
 * The simulated datacentre's control endpoint can make any order's provisioning fail, and a failed
 * paid rental is refunded and cancelled: operators only, with PROVISIONING_OPERATOR_TOKEN.
 */
@Injectable()
export class OperatorTokenGuard extends SharedTokenGuard {
  constructor(@Inject(SIMULATED_DATACENTRE_OPERATOR_TOKEN) token: string) {
    super('X-Operator-Token', token);
  }
}
