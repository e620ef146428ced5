import { readFile } from 'node:fs/promises';
import { EngineError, ErrorCode } from '../../engine';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A JSON argument: inline text, `@file` to read a file, or `-` to read standard input. */
export async function jsonArgument(argument: string, what: string): Promise<unknown> {
  const text = argument === '-' ? await readStdin() : argument.startsWith('@') ? await readFile(argument.slice(1), 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new EngineError(error.code === 'ENOENT' ? ErrorCode.NotFound : ErrorCode.InvalidArgument, `Cannot read ${argument.slice(1)}: ${error.code === 'ENOENT' ? 'it does not exist' : error.message}.`);
  }) : argument;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new EngineError(ErrorCode.InvalidArgument, `The ${what} is not valid JSON: ${(error as Error).message}. Give JSON inline, @file or - for standard input.`);
  }
}
