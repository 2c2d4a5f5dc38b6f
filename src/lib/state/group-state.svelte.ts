/** Group mode as the page sees it: 2–4 members (kept in IndexedDB), the aggregation and the picks. */
import * as Comlink from 'comlink';
import { readChosenFile } from '$lib/import/read-upload';
import type { Aggregation } from '$lib/recommend/group';
import { loadSetting, saveSetting } from '$lib/storage/db';
import { onModelChange } from '$lib/engine/model-changes';
import { engine } from '$lib/engine/client';
import { LastHidden } from './last-hidden.svelte';
import { libraryState } from './library-state.svelte';
import type { GroupMember, GroupResult } from '$lib/engine/api';

const SETTINGS_KEY = 'group';
export const MAX_MEMBERS = 4;
const PICKS = 24;

interface StoredGroup {
  members: GroupMember[];
  aggregation: Aggregation;
}

class GroupState {
  members = $state.raw<GroupMember[]>([]);
  aggregation = $state<Aggregation>('average');
  result = $state.raw<GroupResult | null>(null);
  busy = $state(false);
  error = $state('');
  /** The file the error is about, when it is about a file. */
  errorFile = $state('');
  /** The last title hidden here (stored), for the notice with Undo. */
  hidden = new LastHidden();
  /** Bumped by every request for picks and every hide: an answer that finds it moved on is stale. */
  #picksVersion = 0;
  loaded = $state(false);

  async load(): Promise<void> {
    if (this.loaded) return;
    // A newer model (trained, or fine-tuned with the stored list) re-ranks the picks in place.
    onModelChange(() => this.recommend({ keepShown: true }));
    const stored = await loadSetting<StoredGroup>(SETTINGS_KEY).catch(() => undefined);
    if (stored) {
      this.members = stored.members;
      this.aggregation = stored.aggregation;
    }
    this.loaded = true;
    await this.recommend();
  }

  async addFile(file: File): Promise<void> {
    if (this.members.length >= MAX_MEMBERS) return;
    this.error = '';
    this.errorFile = '';
    this.busy = true;
    try {
      const bytes = await readChosenFile(file);
      const member = await engine().readGroupMember(
        Comlink.transfer(bytes, [bytes.buffer]),
        file.name,
      );
      await this.setMembers([...this.members, member]);
    } catch (error) {
      this.errorFile = file.name;
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.busy = false;
    }
  }

  addMe(): Promise<void> {
    return this.setMembers([...this.members, { name: 'Me', source: 'library', entries: [] }]);
  }

  remove(at: number): Promise<void> {
    return this.setMembers(this.members.filter((_, k) => k !== at));
  }

  async setAggregation(aggregation: Aggregation): Promise<void> {
    this.aggregation = aggregation;
    await this.save();
    await this.recommend();
  }

  private async setMembers(members: GroupMember[]): Promise<void> {
    this.members = members;
    await this.save();
    await this.recommend();
  }

  private async save(): Promise<void> {
    const value: StoredGroup = { members: this.members, aggregation: this.aggregation };
    await saveSetting(SETTINGS_KEY, value).catch(() => {
      // The group still works for this visit.
    });
  }

  /** "Not interested": the title leaves the picks at once; new picks follow without it. */
  async hide(index: number, franchise: boolean, malId: number, title: string): Promise<void> {
    this.#picksVersion++;
    if (this.result)
      this.result = { ...this.result, picks: this.result.picks.filter((p) => p.index !== index) };
    if (await libraryState.edit({ kind: 'hide', malId, franchise })) {
      this.hidden.choice = { malId, title, franchise };
      await this.recommend({ keepShown: true });
    } else [this.error, this.errorFile] = [libraryState.error, ''];
  }

  /** Takes back the last "Not interested"; the picks are computed again with the title. */
  async undoHide(): Promise<void> {
    await this.hidden.undo(
      async (malId) => {
        if (await libraryState.edit({ kind: 'unhide', malId })) return true;
        [this.error, this.errorFile] = [libraryState.error, ''];
        return false;
      },
      () => this.recommend({ keepShown: true }),
    );
  }

  async recommend({ keepShown = false } = {}): Promise<void> {
    if (!keepShown) this.result = null;
    if (this.members.length < 2) return;
    this.busy = true;
    const version = ++this.#picksVersion;
    try {
      const result = await engine().groupRecommend(this.members, this.aggregation, PICKS);
      // A newer request, or a pick hidden meanwhile, makes this result stale.
      if (version === this.#picksVersion) this.result = result;
    } catch (error) {
      this.errorFile = '';
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.busy = false;
    }
  }
}

export const groupState = new GroupState();
