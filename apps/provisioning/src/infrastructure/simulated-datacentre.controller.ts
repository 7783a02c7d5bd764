import { Body, Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiError, issueDetails } from '@rental/service-kit';
import { z } from 'zod';
import { OperatorTokenGuard } from './operator-token.guard';
import { type ForcedFaults, SimulatedOrderFaults } from './simulated-order-faults';

export const SIMULATED_DATACENTRE_LIMITS = Symbol('SIMULATED_DATACENTRE_LIMITS');

export interface SimulatedDatacentreLimits {
  /** A forced step may not outlast a third of the job lease, or another instance would take the job over mid-step. */
  maxForcedDelayMs: number;
}

const orderIdShape = z.uuid();

/**
 * For tests and demos, served only while the simulated datacentre is the driver: make an order's
 * provisioning fail or take its time. The body replaces what was forced on the order before. An
 * operator's endpoint (X-Operator-Token): anyone else could fail another customer's paid rental.
 */
@Controller('simulated-datacentre/orders')
@UseGuards(OperatorTokenGuard)
export class SimulatedDatacentreController {
  private readonly body: z.ZodType<ForcedFaults>;

  constructor(
    private readonly faults: SimulatedOrderFaults,
    @Inject(SIMULATED_DATACENTRE_LIMITS) limits: SimulatedDatacentreLimits,
  ) {
    this.body = z
      .strictObject({
        failAttempts: z.union([z.int().min(1), z.literal('all')]).optional(),
        delayMs: z.int().min(0).max(limits.maxForcedDelayMs).optional(),
      })
      .refine((body) => body.failAttempts !== undefined || body.delayMs !== undefined, 'give failAttempts, delayMs or both')
      .transform((body) => ({ failAttempts: body.failAttempts ?? 0, delayMs: body.delayMs ?? null }));
  }

  /**
   * Body `{ "failAttempts": <n >= 1> | "all", "delayMs": <n> }`, either or both: the order's next n
   * provisioning attempts fail (counted across its machines), or all of them; each of its
   * provisioning steps takes delayMs.
   */
  @Post(':orderId')
  @HttpCode(200)
  async force(@Param('orderId') orderId: string, @Body() body: unknown): Promise<ForcedFaults & { orderId: string }> {
    if (!orderIdShape.safeParse(orderId).success) {
      throw new ApiError(400, 'invalid_request', `${orderId} is not an order id (a UUID)`, [{ field: 'orderId', problems: ['must be a UUID'] }]);
    }
    const parsed = this.body.safeParse(body);
    if (!parsed.success) {
      throw new ApiError(
        400,
        'invalid_request',
        'the body must be {"failAttempts": <whole number of at least 1> | "all", "delayMs": <whole number of ms>}, either or both',
        issueDetails(parsed.error.issues),
      );
    }
    await this.faults.force(orderId, parsed.data);
    return { orderId, ...parsed.data };
  }
}
