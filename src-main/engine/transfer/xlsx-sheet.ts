import { NotAZipArchive, readZipEntries } from './zip-archive';

const entities: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML text with its entities decoded. */
function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, entity: string) =>
    entity.startsWith('#x') ? String.fromCodePoint(parseInt(entity.slice(2), 16)) : entity.startsWith('#') ? String.fromCodePoint(Number(entity.slice(1))) : entities[entity]!,
  );
}

/** The text of every `<t>` inside `xml` (a shared string may be split into rich-text runs). */
function textOf(xml: string): string {
  return [...xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g)].map((match) => decodeXml(match[1] ?? '')).join('');
}

/** Column index (0-based) of a cell reference such as `C12`. */
function columnOf(reference: string): number {
  let column = 0;
  for (const char of reference.replace(/\d+$/, '')) column = column * 26 + (char.charCodeAt(0) - 64);
  return column - 1;
}

/** Why a file is not a readable spreadsheet. */
export class NotASpreadsheet extends Error {}

/** The first worksheet of an .xlsx file as rows of cell texts (empty cells as ''), with 1-based row numbers. */
export function readFirstSheet(file: Buffer): { row: number; cells: string[] }[] {
  let entries: Map<string, () => Buffer>;
  try {
    entries = readZipEntries(file);
  } catch (error) {
    if (error instanceof NotAZipArchive) throw new NotASpreadsheet(`it is not an .xlsx workbook (${error.message})`);
    throw error;
  }
  const read = (name: string) => entries.get(name)?.().toString('utf8');
  const workbook = read('xl/workbook.xml');
  if (workbook === undefined) throw new NotASpreadsheet('it has no xl/workbook.xml, so it is not an .xlsx workbook');
  const firstSheet = /<sheet\b[^>]*\br:id="([^"]+)"/.exec(workbook)?.[1];
  const relations = read('xl/_rels/workbook.xml.rels') ?? '';
  const target = [...relations.matchAll(/<Relationship\b[^>]*>/g)]
    .map((match) => match[0])
    .find((tag) => tag.includes(`Id="${firstSheet}"`))
    ?.match(/Target="([^"]+)"/)?.[1];
  const sheetPath = target ? (target.startsWith('/') ? target.slice(1) : `xl/${target}`) : 'xl/worksheets/sheet1.xml';
  const sheet = read(sheetPath);
  if (sheet === undefined) throw new NotASpreadsheet(`its first worksheet (${sheetPath}) is missing`);
  const shared = [...(read('xl/sharedStrings.xml') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((match) => textOf(match[1]!));
  const rows: { row: number; cells: string[] }[] = [];
  for (const rowMatch of sheet.matchAll(/<row\b([^>]*)>([\s\S]*?)<\/row>/g)) {
    const number = Number(/\br="(\d+)"/.exec(rowMatch[1]!)?.[1] ?? rows.length + 1);
    const cells: string[] = [];
    for (const cell of rowMatch[2]!.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attributes = cell[1]!;
      const body = cell[2] ?? '';
      const reference = /\br="([A-Z]+\d+)"/.exec(attributes)?.[1];
      const type = /\bt="([^"]+)"/.exec(attributes)?.[1];
      const value = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      const text = type === 's' ? (shared[Number(value)] ?? '') : type === 'inlineStr' ? textOf(body) : type === 'b' ? (value === '1' ? 'true' : 'false') : decodeXml(value ?? '');
      cells[reference ? columnOf(reference) : cells.length] = text;
    }
    rows.push({ row: number, cells: Array.from(cells, (cell) => cell ?? '') });
  }
  return rows;
}
