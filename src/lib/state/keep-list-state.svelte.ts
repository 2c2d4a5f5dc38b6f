/** Persistent storage, asked for once the user has a list, and the advice given once where refused. */
import { loadSetting, saveSetting } from '$lib/storage/db';
import { askToPersist, keepListAdvice, KEEP_LIST_ADVICE_SETTING } from '$lib/storage/persistence';

function runsFromHomeScreen(): boolean {
  const iosStandalone = (navigator as Navigator & { standalone?: boolean }).standalone === true;
  return iosStandalone || matchMedia('(display-mode: standalone)').matches;
}

class KeepListState {
  advice = $state<string | null>(null);
  #asked = false;

  /** Call when a list is stored; asks once per page, advises once ever. */
  async listStored(): Promise<void> {
    if (this.#asked) return;
    this.#asked = true;
    const persistence = await askToPersist(navigator.storage);
    const advice = keepListAdvice(persistence, runsFromHomeScreen());
    if (!advice) return;
    const given = await loadSetting<boolean>(KEEP_LIST_ADVICE_SETTING).catch(() => false);
    if (given) return;
    this.advice = advice;
    await saveSetting(KEEP_LIST_ADVICE_SETTING, true).catch(() => {});
  }

  dismiss(): void {
    this.advice = null;
  }
}

export const keepListState = new KeepListState();
