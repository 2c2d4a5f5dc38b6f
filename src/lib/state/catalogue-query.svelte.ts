/** The catalogue's search and filters, kept across navigation (back from a detail page restores them). */
import { emptyQuery } from '$lib/catalogue/query';

export const catalogueQuery = $state(emptyQuery());
export const cataloguePage = $state({ page: 0 });
