import type { Readable } from "node:stream";
import yauzl from "yauzl";

/**
 * A zip read through its central directory: any entry, in any order, as a
 * stream. exceljs's streaming reader instead reads the zip front to back and
 * on Node 20 loses its last entry (exceljs issue #3064); exceljs itself, and
 * many tools, write xl/workbook.xml last, so that loss left a workbook without
 * its sheet list. yauzl is maintained, checks each entry's sizes against the
 * directory (a lying zip bomb fails), and keeps the file open only while a
 * stream reads it.
 */
export interface ZipArchive {
  readonly names: readonly string[];
  has(name: string): boolean;
  /** The entry's uncompressed bytes. */
  open(name: string): Promise<Readable>;
  /** Releases the file once the streams already open have ended. */
  close(): void;
}

export async function openZip(path: string): Promise<ZipArchive> {
  const zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false });
  const entries = new Map<string, yauzl.Entry>();
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on("entry", (entry: yauzl.Entry) => {
        entries.set(entry.fileName, entry);
        zip.readEntry();
      });
      zip.once("end", resolve);
      zip.once("error", reject);
      zip.readEntry();
    });
  } catch (error) {
    zip.close();
    throw error;
  }
  return {
    names: [...entries.keys()],
    has: (name) => entries.has(name),
    open: (name) => {
      const entry = entries.get(name);
      if (!entry) return Promise.reject(new Error(`the zip has no ${name}`));
      return zip.openReadStreamPromise(entry);
    },
    close: () => zip.close(),
  };
}
