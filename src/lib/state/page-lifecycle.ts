/** The app's wiring of `releaseOnPageHide`: the engine worker and this page's database connection. */
import { releaseOnPageHide } from '$lib/browser/page-lifecycle';
import { endEngine } from '$lib/engine/client';
import { closeDatabase } from '$lib/storage/db';

export function watchPageLifecycle(): () => void {
  return releaseOnPageHide(
    window,
    () => {
      closeDatabase();
      return endEngine();
    },
    () => location.reload(),
  );
}
