/** uPlot, loaded only where a chart is shown, with a `navigator.language` that Intl accepts. */
import { withSafeLanguage } from '$lib/catalogue/locale';

export const loadUPlot = () => withSafeLanguage(() => import('uplot'));
