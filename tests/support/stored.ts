/** Reading what the app stored in the page's real IndexedDB (its `settings` store). */
import type { Page } from '@playwright/test';

export function storedSetting<T>(page: Page, key: string): Promise<T | undefined> {
  return page.evaluate(
    (key) =>
      new Promise<T | undefined>((resolve, reject) => {
        const open = indexedDB.open('tsugi');
        open.onerror = () => reject(new Error('cannot open the database'));
        open.onsuccess = () => {
          const get = open.result.transaction('settings').objectStore('settings').get(key);
          get.onerror = () => reject(new Error(`cannot read the setting ${key}`));
          get.onsuccess = () => {
            open.result.close();
            resolve(get.result as T | undefined);
          };
        };
      }),
    key,
  );
}
