import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiError } from '@rental/service-kit';
import { QuoteQueries } from '../../application/queries/quote.queries';
import { CatalogueView } from '../dto/catalogue.view';
import { ApiErrorResponses } from '../http/api-error-responses';
import { ApiRateLimited } from '../http/rate-limits';
import { presentCatalogue } from '../presenters/quote.presenter';

/** Public: a price list is what people look at before they sign up. */
@ApiTags('catalogue')
@ApiRateLimited()
@Controller('v1/catalogue')
export class CatalogueController {
  constructor(private readonly queries: QuoteQueries) {}

  @Get()
  @ApiOperation({ summary: 'Plans with their prices, locations and images' })
  @ApiOkResponse({ type: CatalogueView })
  @ApiErrorResponses(503)
  async catalogue(): Promise<CatalogueView> {
    const catalogue = await this.queries.catalogue();
    if (!catalogue) throw new ApiError(503, 'catalogue_unavailable', 'The catalogue has not been published yet; try again shortly');
    return presentCatalogue(catalogue);
  }
}
