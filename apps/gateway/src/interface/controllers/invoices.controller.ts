import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiError } from '@rental/service-kit';
import type { Customer } from '../../application/ports/customer-store';
import { InvoiceQueries } from '../../application/queries/invoice.queries';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { CurrentCustomer } from '../auth/current-customer.decorator';
import { InvoicePageView, InvoiceView } from '../dto/invoice.view';
import { PageQueryDto } from '../dto/page-query.dto';
import { ApiErrorResponses } from '../http/api-error-responses';
import { BEARER_AUTH } from '../http/openapi';
import { ApiRateLimited } from '../http/rate-limits';
import { presentInvoice } from '../presenters/invoice.presenter';

const INVOICE_NUMBER = /^\d{4}-\d{6}$/;

@ApiTags('invoices')
@ApiBearerAuth(BEARER_AUTH)
@ApiRateLimited()
@Controller('v1/invoices')
@UseGuards(ApiKeyGuard)
export class InvoicesController {
  constructor(private readonly queries: InvoiceQueries) {}

  @Get()
  @ApiOperation({ summary: 'Your invoices, newest first, with their payments' })
  @ApiOkResponse({ type: InvoicePageView })
  @ApiErrorResponses(400, 401)
  async list(@CurrentCustomer() customer: Customer, @Query() query: PageQueryDto): Promise<InvoicePageView> {
    if (query.cursor !== undefined && !INVOICE_NUMBER.test(query.cursor)) {
      throw ApiError.validation('The request is not valid: cursor is not one we gave out', [
        { field: 'cursor', problems: ['must be a nextCursor from a previous page'] },
      ]);
    }
    const page = await this.queries.list(customer.id, query.limit ?? 20, query.cursor);
    return { data: page.items.map(presentInvoice), ...(page.next ? { nextCursor: page.next } : {}) };
  }

  @Get(':number')
  @ApiOperation({ summary: 'One of your invoices by its number, e.g. 2026-000042' })
  @ApiOkResponse({ type: InvoiceView })
  @ApiErrorResponses(401, 404)
  async find(@CurrentCustomer() customer: Customer, @Param('number') number: string): Promise<InvoiceView> {
    const invoice = INVOICE_NUMBER.test(number) ? await this.queries.find(customer.id, number) : null;
    if (!invoice) throw ApiError.notFound('Invoice');
    return presentInvoice(invoice);
  }
}
