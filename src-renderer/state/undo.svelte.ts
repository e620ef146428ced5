import { describeError } from './workspace.svelte';

/** An edit the user made that can be taken back and made again (the command pattern). */
export interface UndoableEdit {
  /** What the edit did, as menus and messages name it ("Edit temperature of room-1"). */
  readonly label: string;
  undo(): Promise<void>;
  redo(): Promise<void>;
}

/**
 * The edits of this window, newest last. Undo and redo go through the engine like any other
 * edit (validated, with If-Match), so an edit whose target changed since is refused with a
 * message rather than overwriting someone else's change.
 */
export class UndoHistory {
  done = $state.raw<UndoableEdit[]>([]);
  undone = $state.raw<UndoableEdit[]>([]);
  busy = $state(false);
  /** Why the last undo or redo failed; cleared by the next edit or a successful step. */
  problem = $state<string | null>(null);

  constructor(private readonly limit = 100) {}

  get nextUndo(): UndoableEdit | undefined {
    return this.done.at(-1);
  }

  get nextRedo(): UndoableEdit | undefined {
    return this.undone.at(-1);
  }

  /** Records an edit just made; it clears what could be redone. */
  record(edit: UndoableEdit): void {
    this.done = [...this.done, edit].slice(-this.limit);
    this.undone = [];
    this.problem = null;
  }

  async undo(): Promise<void> {
    const edit = this.nextUndo;
    if (!edit || this.busy) return;
    if (await this.step(() => edit.undo(), 'undo', edit)) {
      this.done = this.done.slice(0, -1);
      this.undone = [...this.undone, edit];
    }
  }

  async redo(): Promise<void> {
    const edit = this.nextRedo;
    if (!edit || this.busy) return;
    if (await this.step(() => edit.redo(), 'redo', edit)) {
      this.undone = this.undone.slice(0, -1);
      this.done = [...this.done, edit];
    }
  }

  private async step(work: () => Promise<void>, verb: 'undo' | 'redo', edit: UndoableEdit): Promise<boolean> {
    this.busy = true;
    try {
      await work();
      this.problem = null;
      return true;
    } catch (error) {
      this.problem = `Could not ${verb} “${edit.label}”: ${describeError(error)}`;
      return false;
    } finally {
      this.busy = false;
    }
  }
}
