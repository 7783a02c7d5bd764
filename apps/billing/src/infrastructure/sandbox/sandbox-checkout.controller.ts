import { randomBytes } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { ApiError, issueDetails } from '@rental/service-kit';
import { z } from 'zod';
import { toInvoiceNumber } from '../../domain/invoice-number';
import { paymentReferenceOf } from '../../domain/payment-reference';
import { checkoutPage } from './checkout-page';
import { type CheckoutView, SandboxCheckout } from './sandbox-checkout';
import type { SandboxPaymentAttemptEntity, SandboxPaymentEntity } from './sandbox-payment.entity';

const completion = z.object({
  outcome: z.enum(['paid', 'failed']),
  /** Why a failed attempt failed; ignored when paying. */
  reason: z.string().trim().min(1).max(500).optional(),
});
const paymentIdShape = z.uuid();

/**
 * The page's own Content-Security-Policy, in place of the JSON default every service sends: nothing
 * loads from anywhere, the one inline script runs by its nonce (new on every answer), and it may
 * post only to this origin.
 */
const checkoutPolicy = (nonce: string) =>
  ["default-src 'none'", `script-src 'nonce-${nonce}'`, "connect-src 'self'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'"].join('; ');

/**
 * The sandbox provider's checkout, served by billing in place of a provider's hosted page, while
 * the sandbox is the payment provider (PAYMENT_PROVIDER=sandbox). The customer is sent here by the checkout
 * URL in invoice.issued, /sandbox/checkout/{paymentId}/{checkoutToken}: without the token, which
 * only that URL carries, a payment can be neither seen nor paid.
 */
@Controller('sandbox/checkout')
export class SandboxCheckoutController {
  constructor(
    private readonly checkout: SandboxCheckout,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':paymentId/:checkoutToken')
  async page(
    @Param('paymentId') paymentId: string,
    @Param('checkoutToken') checkoutToken: string,
    @Res({ passthrough: true }) response: HeaderTarget,
  ): Promise<string> {
    const { payment, attempts, lockedUntil } = await this.find(paymentId, checkoutToken);
    const nonce = randomBytes(16).toString('base64');
    // Set here rather than with @Header, which would also label the JSON of a 404 as HTML.
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('Content-Security-Policy', checkoutPolicy(nonce));
    return checkoutPage({
      nonce,
      ...(lockedUntil ? { lockedUntil } : {}),
      paymentId: payment.paymentId,
      checkoutToken,
      invoiceNumber: payment.invoiceNumber,
      paymentReference: paymentReferenceOf(toInvoiceNumber(payment.invoiceNumber)),
      amountCents: payment.amountCents,
      currency: payment.currency,
      ...(payment.billingAddress === null ? {} : { billingAddress: payment.billingAddress }),
      status: payment.status,
      attempts: attempts.map(({ attempt, outcome, failureReason }) => ({ attempt, outcome, failureReason })),
    });
  }

  /**
   * Body `{ "outcome": "paid" }` or `{ "outcome": "failed", "reason"?: "..." }`: one attempt, whose
   * webhook follows once it is stored. After a failed attempt the payment can still be paid.
   */
  @Post(':paymentId/:checkoutToken/complete')
  @HttpCode(200)
  async complete(
    @Param('paymentId') paymentId: string,
    @Param('checkoutToken') checkoutToken: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) response: HeaderTarget,
  ): Promise<CompletionView> {
    const parsed = completion.safeParse(body);
    if (!parsed.success) {
      throw new ApiError(
        400,
        'invalid_request',
        'the body must be {"outcome": "paid"} or {"outcome": "failed", "reason"?: "<up to 500 characters>"}',
        issueDetails(parsed.error.issues),
      );
    }
    if (!paymentIdShape.safeParse(paymentId).success) throw paymentNotFound(paymentId);
    const result = await this.checkout.complete(paymentId, checkoutToken, parsed.data.outcome, parsed.data.reason);
    switch (result.kind) {
      case 'not_found':
        throw paymentNotFound(paymentId);
      case 'already_paid':
        throw new ApiError(409, 'payment_already_completed', `payment ${paymentId} is ${result.payment.status} already`);
      case 'locked': {
        const seconds = Math.max(1, Math.ceil((result.until.getTime() - this.clock.now().getTime()) / 1000));
        response.setHeader('Retry-After', String(seconds));
        throw new ApiError(
          429,
          'too_many_attempts',
          `too many failed attempts on payment ${paymentId}; try again after ${result.until.toISOString()}, or pay by bank transfer`,
        );
      }
      case 'completed':
        return view(result.payment, result.attempt);
    }
  }

  private async find(paymentId: string, checkoutToken: string): Promise<CheckoutView> {
    const found = paymentIdShape.safeParse(paymentId).success ? await this.checkout.find(paymentId, checkoutToken) : null;
    if (found === null) throw paymentNotFound(paymentId);
    return found;
  }
}

/** The part of the HTTP response the page needs; Node's and Express's responses both have it. */
interface HeaderTarget {
  setHeader(name: string, value: string): void;
}

interface CompletionView {
  paymentId: string;
  /** The payment's status after the attempt: open after a failed one. */
  status: 'open' | 'paid';
  attempt: number;
  outcome: 'paid' | 'failed';
  failureReason?: string;
  /** The provider event id of the attempt's webhook. */
  eventId: string;
}

function view(payment: SandboxPaymentEntity, attempt: SandboxPaymentAttemptEntity): CompletionView {
  return {
    paymentId: payment.paymentId,
    status: payment.status,
    attempt: attempt.attempt,
    outcome: attempt.outcome,
    ...(attempt.failureReason === null ? {} : { failureReason: attempt.failureReason }),
    eventId: attempt.eventId,
  };
}

function paymentNotFound(paymentId: string): ApiError {
  return new ApiError(404, 'payment_not_found', `no sandbox payment ${paymentId}`);
}
