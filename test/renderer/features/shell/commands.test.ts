import { describe, expect, it } from 'vitest';
import { filterCommands, matchScore, type Command } from '../../../../src-renderer/features/shell/commands';

const command = (id: string, group: string, label: string): Command => ({ id, group, label, run: () => undefined });
const commands = [
  command('go-models', 'Go to', 'Models'),
  command('go-graph', 'Go to', 'Twin graph'),
  command('go-query', 'Go to', 'Query'),
  command('undo', 'Edit', 'Undo'),
  command('theme', 'View', 'Use the light theme'),
  command('shortcuts', 'Help', 'Keyboard shortcuts'),
];

describe('the command palette filter', () => {
  it('keeps every command, in order, for an empty query', () => {
    expect(filterCommands(commands, '  ').map((c) => c.id)).toEqual(commands.map((c) => c.id));
  });

  it('matches characters in order, case-insensitively, and refuses the rest', () => {
    expect(matchScore('Go to Twin graph', 'tg')).not.toBeNull();
    expect(matchScore('Go to Twin graph', 'gt wg')).not.toBeNull();
    expect(matchScore('Go to Models', 'zz')).toBeNull();
    expect(matchScore('Go to Models', 'sm')).toBeNull();
  });

  it('ranks word starts and adjacent characters first', () => {
    expect(filterCommands(commands, 'theme').map((c) => c.id)).toEqual(['theme']);
    expect(filterCommands(commands, 'q')[0]!.id).toBe('go-query');
    expect(filterCommands(commands, 'gr')[0]!.id).toBe('go-graph');
    expect(filterCommands(commands, 'short').map((c) => c.id)).toEqual(['shortcuts']);
  });
});
