import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { isUUID } from 'class-validator';
import type { HttpResponse } from '../http/http-types';
import { OrderPlacement } from '../../application/order-placement';
import { OrderQueries } from '../../application/order-queries';
import { OrderTimelineFeed } from '../../application/order-timeline-feed';
import type { CustomerEntity } from '../../infrastructure/entities';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { CurrentCustomer } from '../auth/current-customer.decorator';
import { OrderPageView, OrderView } from '../dto/order.view';
import { PageQueryDto } from '../dto/page-query.dto';
import { PlaceOrderDto } from '../dto/place-order.dto';
import { ApiError } from '../http/api-error';
import { ApiErrorResponses } from '../http/api-error-responses';
import { requireUuid } from '../http/ids';
import { BEARER_AUTH } from '../http/openapi';
import { presentOrder, presentOrderSummary, presentTimelineEntry } from '../presenters/order.presenter';

/** Printable ASCII without spaces, as the IETF Idempotency-Key draft and the big providers use. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;
const HEARTBEAT_MS = 15_000;

@ApiTags('orders')
@ApiBearerAuth(BEARER_AUTH)
@Controller('v1/orders')
@UseGuards(ApiKeyGuard)
export class OrdersController {
  constructor(
    private readonly placement: OrderPlacement,
    private readonly queries: OrderQueries,
    private readonly feed: OrderTimelineFeed,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Order a quote',
    description:
      'Requires an Idempotency-Key (e.g. a UUID you generate per order): repeating the request with the same key and body ' +
      'returns the same order (with the header Idempotent-Replayed: true) and never orders twice; the same key with another ' +
      'body is refused with 422 idempotency_key_reused. A refused order answers 422 with the reason as the code (quote_expired, ...).',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: '1-255 printable ASCII characters, unique per order you mean to place' })
  @ApiCreatedResponse({ type: OrderView })
  @ApiErrorResponses(400, 401, 422, 504)
  async place(
    @CurrentCustomer() customer: CustomerEntity,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Body() body: PlaceOrderDto,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<OrderView> {
    if (idempotencyKey === undefined || idempotencyKey === '') {
      throw new ApiError(400, 'idempotency_key_required', 'POST /v1/orders needs an Idempotency-Key header, e.g. a UUID generated for this order');
    }
    if (!IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw ApiError.validation('The request is not valid: Idempotency-Key must be 1-255 printable ASCII characters', [
        { field: 'Idempotency-Key', problems: ['must be 1-255 printable ASCII characters without spaces'] },
      ]);
    }
    const request = { quoteId: body.quoteId, ...(body.sshPublicKey !== undefined ? { sshPublicKey: body.sshPublicKey } : {}) };
    const answer = await this.placement.place(customer, idempotencyKey, request, randomUUID());
    switch (answer.kind) {
      case 'placed': {
        if (answer.replayed) response.setHeader('Idempotent-Replayed', 'true');
        const details = await this.queries.details(customer.id, answer.order.orderId);
        return presentOrder(details!);
      }
      case 'rejected':
        throw new ApiError(422, answer.reason, answer.detail);
      case 'quote_not_found':
        throw new ApiError(422, 'quote_not_found', `You have no quote ${body.quoteId}`);
      case 'idempotency_key_reused':
        throw new ApiError(422, 'idempotency_key_reused', 'This Idempotency-Key was used for a different request; use a new key for a new order');
      case 'timeout':
        throw new ApiError(504, 'reply_timeout', `Order ${answer.orderId} is not confirmed yet; repeat the request with the same Idempotency-Key to see it`);
    }
  }

  @Get()
  @ApiOperation({ summary: 'Your orders, newest first' })
  @ApiOkResponse({ type: OrderPageView })
  @ApiErrorResponses(400, 401)
  async list(@CurrentCustomer() customer: CustomerEntity, @Query() query: PageQueryDto): Promise<OrderPageView> {
    if (query.cursor !== undefined && !isUUID(query.cursor)) {
      throw ApiError.validation('The request is not valid: cursor is not one we gave out', [{ field: 'cursor', problems: ['must be a nextCursor from a previous page'] }]);
    }
    const page = await this.queries.list(customer.id, query.limit ?? 20, query.cursor);
    return { data: page.items.map(presentOrderSummary), ...(page.next ? { nextCursor: page.next } : {}) };
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One of your orders: status, period, price, timeline, invoice and machines',
    description: 'A root password (password access) is in the first response after the machine runs, and never again.',
  })
  @ApiOkResponse({ type: OrderView })
  @ApiErrorResponses(401, 404)
  async find(@CurrentCustomer() customer: CustomerEntity, @Param('id') id: string): Promise<OrderView> {
    const details = await this.queries.details(customer.id, requireUuid(id, 'Order'));
    if (!details) throw ApiError.notFound('Order');
    return presentOrder(details);
  }

  @Get(':id/events')
  @ApiOperation({
    summary: "Live timeline of an order (Server-Sent Events)",
    description:
      'Each `timeline` event carries one timeline entry as JSON, its id being the entry seq (send Last-Event-ID to resume). ' +
      'The stream starts with the entries so far and ends with an `end` event once the order reaches a final status.',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'text/event-stream of timeline entries', schema: { type: 'string' } })
  @ApiErrorResponses(401, 404)
  async events(
    @CurrentCustomer() customer: CustomerEntity,
    @Param('id') id: string,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() response: HttpResponse,
  ): Promise<void> {
    const order = await this.queries.find(customer.id, requireUuid(id, 'Order'));
    if (!order) throw ApiError.notFound('Order');
    const after = lastEventId && /^\d{1,15}$/.test(lastEventId) ? Number(lastEventId) : 0;

    response.status(200);
    response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    response.setHeader('Cache-Control', 'no-cache, no-transform');
    response.setHeader('Connection', 'keep-alive');
    response.setHeader('X-Accel-Buffering', 'no');
    response.flushHeaders();

    const clientLeft = new AbortController();
    response.on('close', () => clientLeft.abort());
    // Comments keep proxies from closing an idle stream.
    const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), HEARTBEAT_MS);
    try {
      const end = await this.feed.follow(
        order.orderId,
        after,
        (entry) => response.write(`id: ${entry.seq}\nevent: timeline\ndata: ${JSON.stringify(presentTimelineEntry(entry))}\n\n`),
        clientLeft.signal,
      );
      if (end === 'order_finished') {
        const final = await this.queries.find(customer.id, order.orderId);
        response.write(`event: end\ndata: ${JSON.stringify({ status: final?.status })}\n\n`);
      }
    } finally {
      clearInterval(heartbeat);
      response.end();
    }
  }
}
