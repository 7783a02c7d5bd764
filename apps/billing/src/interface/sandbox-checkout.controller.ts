import { BadRequestException, Body, ConflictException, Controller, Get, HttpCode, NotFoundException, Param, Post, Res } from '@nestjs/common';
import { z } from 'zod';
import { SandboxCheckout } from '../infrastructure/sandbox/sandbox-checkout';
import type { SandboxPaymentEntity } from '../infrastructure/sandbox/sandbox-payment.entity';
import { checkoutPage } from './checkout-page';

const completion = z.object({ outcome: z.enum(['paid', 'failed']) });
const paymentIdShape = z.uuid();

/**
 * The sandbox provider's checkout, served by billing in place of a provider's hosted page. The
 * customer is sent here by the checkout URL in invoice.issued.
 */
@Controller('sandbox/checkout')
export class SandboxCheckoutController {
  constructor(private readonly checkout: SandboxCheckout) {}

  @Get(':paymentId')
  async page(@Param('paymentId') paymentId: string, @Res({ passthrough: true }) response: HeaderTarget): Promise<string> {
    const payment = await this.find(paymentId);
    // Set here rather than with @Header, which would also label the JSON of a 404 as HTML.
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.setHeader('Cache-Control', 'no-store');
    return checkoutPage(payment);
  }

  /** Body `{ "outcome": "paid" | "failed" }`; the webhook follows once the outcome is stored. */
  @Post(':paymentId/complete')
  @HttpCode(200)
  async complete(@Param('paymentId') paymentId: string, @Body() body: unknown): Promise<CompletionView> {
    const parsed = completion.safeParse(body);
    if (!parsed.success) {
      throw new BadRequestException({
        error: 'invalid_request',
        message: 'the body must be {"outcome": "paid"} or {"outcome": "failed"}',
        issues: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
      });
    }
    if (!paymentIdShape.safeParse(paymentId).success) throw paymentNotFound(paymentId);
    const result = await this.checkout.complete(paymentId, parsed.data.outcome);
    switch (result.kind) {
      case 'not_found':
        throw paymentNotFound(paymentId);
      case 'already_completed':
        throw new ConflictException({
          error: 'payment_already_completed',
          message: `payment ${paymentId} is ${result.payment.status} already`,
          status: result.payment.status,
        });
      case 'completed':
        return view(result.payment);
    }
  }

  private async find(paymentId: string): Promise<SandboxPaymentEntity> {
    const payment = paymentIdShape.safeParse(paymentId).success ? await this.checkout.find(paymentId) : null;
    if (payment === null) throw paymentNotFound(paymentId);
    return payment;
  }
}

/** The part of the HTTP response the page needs; Node's and Express's responses both have it. */
interface HeaderTarget {
  setHeader(name: string, value: string): void;
}

interface CompletionView {
  paymentId: string;
  status: 'open' | 'paid' | 'failed';
  eventId: string | null;
}

function view(payment: SandboxPaymentEntity): CompletionView {
  return { paymentId: payment.paymentId, status: payment.status, eventId: payment.eventId };
}

function paymentNotFound(paymentId: string): NotFoundException {
  return new NotFoundException({ error: 'payment_not_found', message: `no sandbox payment ${paymentId}` });
}
