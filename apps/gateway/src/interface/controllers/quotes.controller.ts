import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CLOCK, type Clock } from '@rental/clock';
import { ApiError } from '@rental/service-kit';
import { CreateQuoteHandler } from '../../application/commands/create-quote.handler';
import type { Customer } from '../../application/ports/customer-store';
import { QuoteQueries } from '../../application/queries/quote.queries';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { CurrentCustomer } from '../auth/current-customer.decorator';
import { CreateQuoteDto } from '../dto/create-quote.dto';
import { QuoteView } from '../dto/quote.view';
import { ApiErrorResponses } from '../http/api-error-responses';
import { requireUuid } from '../http/ids';
import { BEARER_AUTH } from '../http/openapi';
import { ApiRateLimited } from '../http/rate-limits';
import { toApiError } from '../http/to-api-error';
import { presentQuote } from '../presenters/quote.presenter';

@ApiTags('quotes')
@ApiBearerAuth(BEARER_AUTH)
@ApiRateLimited()
@Controller('v1/quotes')
@UseGuards(ApiKeyGuard)
export class QuotesController {
  constructor(
    private readonly requests: CreateQuoteHandler,
    private readonly queries: QuoteQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Price a rental',
    description:
      'Give the period as start + end or start + an ISO-8601 duration (P1M, P2W, P10D). The price holds until validUntil. ' +
      'A request the catalogue cannot serve is refused with 422 and the reason as the code (unknown_plan, invalid_period, ...).',
  })
  @ApiCreatedResponse({ type: QuoteView })
  @ApiErrorResponses(400, 401, 422, 504)
  async create(@CurrentCustomer() customer: Customer, @Body() body: CreateQuoteDto): Promise<QuoteView> {
    const answer = await this.requests.request(
      customer,
      {
        planCode: body.planCode,
        locationCode: body.locationCode,
        imageCode: body.imageCode,
        quantity: body.quantity,
        start: body.start,
        ...(body.end !== undefined ? { end: body.end } : {}),
        ...(body.duration !== undefined ? { duration: body.duration } : {}),
      },
      randomUUID(),
    );
    if (answer.kind !== 'created') throw toApiError(answer);
    return presentQuote(answer.quote, this.clock.now());
  }

  @Get(':id')
  @ApiOperation({ summary: 'One of your quotes' })
  @ApiOkResponse({ type: QuoteView })
  @ApiErrorResponses(401, 404)
  async find(@CurrentCustomer() customer: Customer, @Param('id') id: string): Promise<QuoteView> {
    const quote = await this.queries.quote(customer.id, requireUuid(id, 'Quote'));
    if (!quote) throw ApiError.notFound('Quote');
    return presentQuote(quote, this.clock.now());
  }
}
