import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap, type CompletionSource } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import { Prec, type EditorState, type Extension, type TransactionSpec } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, highlightSpecialChars, keymap, lineNumbers, placeholder } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { problemRange, type EditorProblem } from './problem-range';

/** Colours come from the app's CSS variables, so the editor follows the light and dark themes. */
const highlightStyle = HighlightStyle.define([
  { tag: tags.keyword, color: 'var(--syntax-keyword)', fontWeight: '600' },
  { tag: tags.function(tags.variableName), color: 'var(--syntax-function)' },
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--syntax-string)' },
  { tag: [tags.number, tags.atom, tags.bool, tags.null], color: 'var(--syntax-number)' },
  { tag: tags.special(tags.propertyName), color: 'var(--syntax-system)' },
  { tag: [tags.typeName, tags.special(tags.variableName)], color: 'var(--syntax-type)' },
  { tag: [tags.operator, tags.punctuation], color: 'var(--text-dim)' },
  { tag: tags.comment, color: 'var(--text-dim)', fontStyle: 'italic' },
  { tag: tags.invalid, color: 'var(--error)' },
]);

const theme = EditorView.theme({
  '&': { background: 'var(--surface-1)', color: 'var(--text)', border: '1px solid var(--border)', borderRadius: '4px', fontSize: '13px' },
  '&.cm-focused': { outline: '1px solid var(--accent)' },
  '.cm-content': { fontFamily: 'var(--mono)', caretColor: 'var(--text)', padding: '6px 0' },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.5' },
  '.cm-gutters': { background: 'var(--surface-1)', color: 'var(--text-dim)', border: 'none' },
  '.cm-activeLine': { background: 'color-mix(in srgb, var(--accent) 6%, transparent)' },
  '.cm-selectionBackground, &.cm-focused .cm-selectionBackground': { background: 'color-mix(in srgb, var(--accent) 30%, transparent) !important' },
  '.cm-tooltip': { background: 'var(--surface-2)', color: 'var(--text)', border: '1px solid var(--border)' },
  '.cm-tooltip-autocomplete > ul > li[aria-selected]': { background: 'var(--accent)', color: 'var(--on-accent)' },
  '.cm-completionDetail': { color: 'var(--text-dim)', marginLeft: '1em' },
  '.cm-diagnostic-error': { borderLeftColor: 'var(--error)' },
  '.cm-lintRange-error': { backgroundImage: 'none', textDecoration: 'underline wavy var(--error)', textUnderlineOffset: '3px' },
});

/** Options of a console editor. */
export interface EditorOptions {
  /** The accessible name of the text area. */
  readonly label: string;
  readonly placeholder?: string;
  /** Ctrl+Enter (Cmd+Enter): run the text. */
  readonly onrun: () => void;
  /** Every edit, with the new text. */
  readonly onchange: (text: string) => void;
}

/** The extensions every console editor shares: keys, history, brackets, completion, lint marks, theme. */
export function consoleEditorSetup(options: EditorOptions): Extension[] {
  return [
    lineNumbers(),
    highlightSpecialChars(),
    history(),
    drawSelection(),
    bracketMatching(),
    closeBrackets(),
    highlightActiveLine(),
    EditorView.lineWrapping,
    lintGutter(),
    syntaxHighlighting(highlightStyle),
    Prec.highest(keymap.of([{ key: 'Mod-Enter', run: () => (options.onrun(), true) }])),
    keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap, indentWithTab]),
    EditorView.contentAttributes.of({ 'aria-label': options.label, 'aria-multiline': 'true' }),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) options.onchange(update.state.doc.toString());
    }),
    options.placeholder ? placeholder(options.placeholder) : [],
    theme,
  ];
}

/** Completion over the given sources (or the language's own); explicit with Ctrl+Space, and as the user types. */
export function completionFrom(sources?: readonly CompletionSource[]): Extension {
  return autocompletion({ ...(sources ? { override: [...sources] } : {}), activateOnTyping: true, icons: false });
}

/** A transaction that marks `problem` in the text (or clears every mark). */
export function markProblem(state: EditorState, problem: EditorProblem | null): TransactionSpec {
  if (!problem) return setDiagnostics(state, []);
  const range = problemRange(state.doc.toString(), problem.offset);
  return setDiagnostics(state, [{ ...range, severity: 'error', message: problem.message }]);
}
