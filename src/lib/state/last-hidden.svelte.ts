/** The last "Not interested" choice a page stored, which its notice offers to take back. */
export interface HiddenChoice {
  malId: number;
  title: string;
  franchise: boolean;
}

export class LastHidden {
  choice = $state.raw<HiddenChoice | null>(null);
  undoing = $state(false);

  /**
   * Takes the choice back with `unhide` (false when that could not be stored, the choice then
   * stays on offer); `then` follows once it is stored.
   */
  async undo(
    unhide: (malId: number) => Promise<boolean>,
    then: () => Promise<void>,
  ): Promise<void> {
    const choice = this.choice;
    if (!choice || this.undoing) return;
    this.undoing = true;
    try {
      if (!(await unhide(choice.malId))) return;
    } finally {
      this.undoing = false;
    }
    this.choice = null;
    await then();
  }
}
