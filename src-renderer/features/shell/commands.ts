/** Something the user can do from the command palette (and often from a shortcut). */
export interface Command {
  readonly id: string;
  readonly label: string;
  /** Where the palette groups it: "Go to", "Edit", "View", … */
  readonly group: string;
  /** The shortcut, as shown to the user (`Ctrl+Z`). */
  readonly shortcut?: string;
  /** False hides nothing but greys the command out (with `disabledReason` as its hint). */
  readonly enabled?: boolean;
  readonly disabledReason?: string;
  run(): void;
}

/**
 * How well `query` matches `text`: its characters must appear in order (case-insensitive);
 * matches at word starts and runs of adjacent characters score higher. Null when they do not.
 */
export function matchScore(text: string, query: string): number | null {
  const haystack = text.toLowerCase();
  const needle = query.trim().toLowerCase();
  if (needle === '') return 0;
  let score = 0;
  let from = 0;
  let previous = -2;
  for (const char of needle) {
    if (char === ' ') continue;
    const at = haystack.indexOf(char, from);
    if (at < 0) return null;
    const wordStart = at === 0 || /[\s/(\-_.]/.test(haystack[at - 1]!);
    score += (wordStart ? 8 : 1) + (at === previous + 1 ? 4 : 0);
    previous = at;
    from = at + 1;
  }
  // Shorter labels win among equal matches.
  return score - haystack.length / 100;
}

/** The commands that match `query`, best first (stable among equals); all of them for an empty query. */
export function filterCommands(commands: readonly Command[], query: string): Command[] {
  return commands
    .map((command, index) => {
      // A match within the label beats one that needs the group's words too.
      const label = matchScore(command.label, query);
      return { command, index, score: label !== null ? label + 100 : matchScore(`${command.group} ${command.label}`, query) };
    })
    .filter((entry): entry is { command: Command; index: number; score: number } => entry.score !== null)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((entry) => entry.command);
}
