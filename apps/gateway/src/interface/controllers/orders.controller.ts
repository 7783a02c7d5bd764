import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiError } from '@rental/service-kit';
import { isUUID } from 'class-validator';
import { CancelOrderHandler } from '../../application/commands/cancel-order.handler';
import { ExtendOrderHandler } from '../../application/commands/extend-order.handler';
import { PlaceOrderHandler } from '../../application/commands/place-order.handler';
import { RevealRootPasswordHandler } from '../../application/commands/reveal-root-password.handler';
import type { Customer } from '../../application/ports/customer-store';
import { ExtensionQueries } from '../../application/queries/extension.queries';
import { OrderQueries } from '../../application/queries/order.queries';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { CurrentApiKeyId, CurrentCustomer } from '../auth/current-customer.decorator';
import { CancelOrderDto } from '../dto/cancel-order.dto';
import { ErrorBodyView } from '../dto/error.view';
import { ExtendOrderDto } from '../dto/extend-order.dto';
import { ExtensionView } from '../dto/extension.view';
import { OrderPageView, OrderView, RootPasswordView } from '../dto/order.view';
import { PageQueryDto } from '../dto/page-query.dto';
import { PlaceOrderDto } from '../dto/place-order.dto';
import { ApiErrorResponses } from '../http/api-error-responses';
import type { HttpResponse } from '../http/http-types';
import { IdempotencyKey } from '../http/idempotency-key.decorator';
import { requireUuid } from '../http/ids';
import { BEARER_AUTH } from '../http/openapi';
import { ApiRateLimited } from '../http/rate-limits';
import { toApiError } from '../http/to-api-error';
import { presentExtension } from '../presenters/extension.presenter';
import { presentOrder, presentOrderSummary } from '../presenters/order.presenter';
import { OrderTimelineStream } from '../streams/order-timeline-stream';

@ApiTags('orders')
@ApiBearerAuth(BEARER_AUTH)
@ApiRateLimited()
@Controller('v1/orders')
@UseGuards(ApiKeyGuard)
export class OrdersController {
  constructor(
    private readonly placement: PlaceOrderHandler,
    private readonly cancellation: CancelOrderHandler,
    private readonly extensions: ExtendOrderHandler,
    private readonly queries: OrderQueries,
    private readonly extensionQueries: ExtensionQueries,
    private readonly rootPasswords: RevealRootPasswordHandler,
    private readonly timelines: OrderTimelineStream,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Order a quote',
    description:
      'Requires an Idempotency-Key (e.g. a UUID you generate per order): repeating the request with the same key and body ' +
      'returns the same order (with the header Idempotent-Replayed: true) and never orders twice; the same key with another ' +
      'body is refused with 422 idempotency_key_reused. A refused order answers 422 with the reason as the code (quote_expired, ...), ' +
      'or 409 too_many_unpaid_orders when you already have as many orders awaiting payment as one customer may (10 by default): ' +
      'pay or cancel one first.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: '1-255 printable ASCII characters, unique per order you mean to place' })
  @ApiCreatedResponse({ type: OrderView })
  @ApiErrorResponses(400, 401, 409, 422, 504)
  async place(
    @CurrentCustomer() customer: Customer,
    @IdempotencyKey({ request: 'POST /v1/orders', per: 'order' }) key: string,
    @Body() body: PlaceOrderDto,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<OrderView> {
    const request = { quoteId: body.quoteId, ...(body.sshPublicKey !== undefined ? { sshPublicKey: body.sshPublicKey } : {}) };
    const answer = await this.placement.place(customer, key, request, randomUUID());
    if (answer.kind !== 'placed') throw toApiError(answer, { quoteId: body.quoteId });
    if (answer.replayed) response.setHeader('Idempotent-Replayed', 'true');
    const details = await this.queries.details(customer.id, answer.order.orderId);
    return presentOrder(details!);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel a rental',
    description:
      'Allowed until the machines run, and while they run. Before they run everything is credited and any payment refunded ' +
      'in full; while they run the machines are wiped and deprovisioned and the unused whole days (the day in progress counts ' +
      'as used) are refunded pro rata. Answers with the order once the order service confirmed it (status cancelled, or ' +
      "deprovisioning then completed); credit notes and refunds follow in the order's invoices and timeline. A rental that can " +
      'no longer be cancelled answers 409 not_cancellable. An Idempotency-Key is optional: a retry with the same key returns ' +
      'the first answer (Idempotent-Replayed: true) and never cancels twice. A request the order service finds invalid ' +
      'answers 422 invalid_request, and so does a retry with the same key.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '1-255 printable ASCII characters, unique per cancel request' })
  @ApiBody({ type: CancelOrderDto, required: false })
  @ApiOkResponse({ type: OrderView })
  @ApiErrorResponses(400, 401, 404, 409, 422, 504)
  async cancel(
    @CurrentCustomer() customer: Customer,
    @Param('id') id: string,
    @IdempotencyKey() key: string | undefined,
    @Body() body: CancelOrderDto,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<OrderView> {
    const orderId = requireUuid(id, 'Order');
    const answer = await this.cancellation.cancel(customer, orderId, key, body.note !== undefined ? { note: body.note } : {}, randomUUID());
    if (answer.kind !== 'cancelled') throw toApiError(answer, { orderId, ...(key === undefined ? {} : { idempotencyKey: key }) });
    if (answer.replayed) response.setHeader('Idempotent-Replayed', 'true');
    return presentOrder((await this.queries.details(customer.id, orderId))!);
  }

  @Post(':id/extensions')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Extend a running rental',
    description:
      "Give the time to add (duration, e.g. P1W) or the new end (end). The extra time is priced with today's catalogue and " +
      'invoiced, due at the current end; the end moves once that invoice is paid (status applied). Unpaid at the end, the ' +
      'rental ends as planned (status lapsed). The answer comes once the extension is priced, with its invoice and checkout ' +
      'URL when billing has issued it in time (else status awaiting_invoice: see GET .../extensions/{extensionId}). ' +
      'Requires an Idempotency-Key, with the same rules as placing an order. A refusal answers 409 (not_running, ' +
      'extension_pending) or 422 (invalid_period, too_long, invalid_request).',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: '1-255 printable ASCII characters, unique per extension you mean to buy' })
  @ApiCreatedResponse({ type: ExtensionView })
  @ApiErrorResponses(400, 401, 404, 409, 422, 504)
  async extend(
    @CurrentCustomer() customer: Customer,
    @Param('id') id: string,
    @IdempotencyKey({ request: 'POST /v1/orders/{id}/extensions', per: 'extension' }) key: string,
    @Body() body: ExtendOrderDto,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<ExtensionView> {
    const orderId = requireUuid(id, 'Order');
    const request = body.end !== undefined ? { end: body.end } : { duration: body.duration! };
    const answer = await this.extensions.extend(customer, orderId, key, request, randomUUID());
    if (answer.kind !== 'accepted') throw toApiError(answer, { orderId });
    if (answer.replayed) response.setHeader('Idempotent-Replayed', 'true');
    return presentExtension((await this.extensionQueries.find(customer.id, orderId, answer.extensionId))!);
  }

  @Get(':id/extensions/:extensionId')
  @ApiOperation({ summary: 'One extension of your rental: its price, invoice and whether the end moved' })
  @ApiOkResponse({ type: ExtensionView })
  @ApiErrorResponses(401, 404)
  async extension(@CurrentCustomer() customer: Customer, @Param('id') id: string, @Param('extensionId') extensionId: string): Promise<ExtensionView> {
    const found = await this.extensionQueries.find(customer.id, requireUuid(id, 'Order'), requireUuid(extensionId, 'Extension'));
    if (!found) throw ApiError.notFound('Extension');
    return presentExtension(found);
  }

  @Get()
  @ApiOperation({ summary: 'Your orders, newest first' })
  @ApiOkResponse({ type: OrderPageView })
  @ApiErrorResponses(400, 401)
  async list(@CurrentCustomer() customer: Customer, @Query() query: PageQueryDto): Promise<OrderPageView> {
    if (query.cursor !== undefined && !isUUID(query.cursor)) {
      throw ApiError.validation('The request is not valid: cursor is not one we gave out', [
        { field: 'cursor', problems: ['must be a nextCursor from a previous page'] },
      ]);
    }
    const page = await this.queries.list(customer.id, query.limit ?? 20, query.cursor);
    return { data: page.items.map(presentOrderSummary), ...(page.next ? { nextCursor: page.next } : {}) };
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One of your orders: status, period, price, timeline, invoices with their credit notes and refunds, extensions and machines',
    description:
      'Never holds a root password: a machine with password access says whether its one-time password can still be revealed ' +
      '(POST /v1/orders/{orderId}/machines/{machineId}/root-password).',
  })
  @ApiOkResponse({ type: OrderView })
  @ApiErrorResponses(401, 404)
  async find(@CurrentCustomer() customer: Customer, @Param('id') id: string): Promise<OrderView> {
    const details = await this.queries.details(customer.id, requireUuid(id, 'Order'));
    if (!details) throw ApiError.notFound('Order');
    return presentOrder(details);
  }

  @Post(':id/machines/:machineId/root-password')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Reveal the one-time root password of a machine with password access, once',
    description:
      'The first call answers the password and deletes it from the platform in the same transaction; every later call answers ' +
      '410 password_already_revealed. POST, because it changes state. The answer is not cached (Cache-Control: no-store). ' +
      'Change the password once logged in (passwd).',
  })
  @ApiOkResponse({ type: RootPasswordView, headers: { 'Cache-Control': { schema: { type: 'string', example: 'no-store' } } } })
  @ApiErrorResponses(401)
  @ApiResponse({
    status: 404,
    type: ErrorBodyView,
    description: 'No such machine in an order of yours (not_found), or it logs in with your SSH key (no_root_password)',
  })
  @ApiResponse({
    status: 410,
    type: ErrorBodyView,
    description: 'Revealed before (password_already_revealed), or the machine was wiped first (machine_deprovisioned)',
  })
  async revealRootPassword(
    @CurrentCustomer() customer: Customer,
    @Param('id') id: string,
    @Param('machineId') machineId: string,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<RootPasswordView> {
    const outcome = await this.rootPasswords.reveal(customer.id, requireUuid(id, 'Order'), requireUuid(machineId, 'Machine'));
    if (outcome.kind !== 'revealed') throw toApiError(outcome, { machineId });
    response.setHeader('Cache-Control', 'no-store');
    return { rootPassword: outcome.rootPassword };
  }

  @Get(':id/events')
  @ApiOperation({
    summary: 'Live timeline of an order (Server-Sent Events)',
    description:
      'Each `timeline` event carries one timeline entry as JSON, its id being the entry seq (send Last-Event-ID to resume). ' +
      'The stream starts with the entries so far and ends with an `end` event once the order has reached a final status and ' +
      'its timeline has been quiet for a while (10 s by default): notes about credit notes and refunds follow a cancellation. ' +
      'A note leaves the status as it is (from equals to). One API key may hold a few streams open at once (5 by default); ' +
      'one more answers 429 too_many_streams until one of them is closed.',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'text/event-stream of timeline entries', schema: { type: 'string' } })
  @ApiErrorResponses(401, 404)
  @ApiResponse({
    status: 429,
    description: 'Too many requests (rate_limited, with Retry-After), or this API key holds as many open streams as it may (too_many_streams)',
    type: ErrorBodyView,
  })
  async events(
    @CurrentCustomer() customer: Customer,
    @CurrentApiKeyId() keyId: string,
    @Param('id') id: string,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() response: HttpResponse,
  ): Promise<void> {
    const order = await this.queries.find(customer.id, requireUuid(id, 'Order'));
    if (!order) throw ApiError.notFound('Order');
    await this.timelines.serve({ customerId: customer.id, orderId: order.orderId, apiKeyId: keyId, lastEventId }, response);
  }
}
