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

/** SHA-256 (hex) of the stored list: its record and every entry record, in key order. */
export function storedListDigest(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('tsugi');
      open.onerror = () => reject(new Error('cannot open the database'));
      open.onsuccess = () => resolve(open.result);
    });
    const tx = db.transaction(['library', 'entries']);
    const read = (request: IDBRequest) =>
      new Promise<unknown>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(new Error('cannot read the stored list'));
      });
    const stored = await Promise.all([
      read(tx.objectStore('library').getAll()),
      read(tx.objectStore('entries').getAllKeys()),
      read(tx.objectStore('entries').getAll()),
    ]);
    db.close();
    const bytes = new TextEncoder().encode(JSON.stringify(stored));
    const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
    return Array.from(hash, (b) => b.toString(16).padStart(2, '0')).join('');
  });
}

/** How many entry records the stored list has (one per entry). */
export function storedEntryCount(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('tsugi');
        open.onerror = () => reject(new Error('cannot open the database'));
        open.onsuccess = () => {
          const count = open.result.transaction('entries').objectStore('entries').count();
          count.onerror = () => reject(new Error('cannot count the stored entries'));
          count.onsuccess = () => {
            open.result.close();
            resolve(count.result);
          };
        };
      }),
  );
}
