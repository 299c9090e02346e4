/*
 * Zip archives with Node's own zlib: enough to write an LMS package and to read one back in a test.
 * Writes the classic 32-bit format (PKWARE APPNOTE 4.3): each file deflated, or stored when deflating
 * does not make it smaller (the Ogg and MP3 sound files), UTF-8 names, and one fixed timestamp, so the
 * same files always make the same bytes. No Zip64: an archive over 4 GB or 65,535 entries is refused.
 */
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  /** Path inside the archive, '/'-separated; a name ending in '/' is a folder. */
  name: string;
  data: Uint8Array;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
/** General purpose flag bit 11: the name is UTF-8. */
const UTF8_NAMES = 0x0800;
const STORED = 0;
const DEFLATED = 8;
/** 2.0: deflate and folders. */
const VERSION = 20;
/** 2026-01-01 00:00 in MS-DOS form: every entry gets it, so a package does not differ by build time. */
const DOS_TIME = 0;
const DOS_DATE = ((2026 - 1980) << 9) | (1 << 5) | 1;
/** Formats that are compressed already: deflating them only costs time. */
const ALREADY_COMPRESSED = /\.(ogg|opus|mp3|m4a|mp4|webm|png|jpe?g|gif|webp|woff2?|zip|gz)$/i;

/** Refuses a name that could land outside the folder it is unpacked into. */
export function checkEntryName(name: string): void {
  if (
    name === '' ||
    name.startsWith('/') ||
    name.includes('\\') ||
    /^[a-z]:/i.test(name) ||
    name
      .split('/')
      .some((part, i, parts) => part === '..' || part === '.' || (part === '' && i < parts.length - 1))
  )
    throw new Error(`zip: "${name}" is not a relative path inside the archive`);
}

export function zip(entries: readonly ZipEntry[]): Buffer {
  if (entries.length > 0xffff) throw new Error('zip: more than 65,535 entries needs Zip64');
  const names = new Set<string>();
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    checkEntryName(entry.name);
    if (names.has(entry.name)) throw new Error(`zip: "${entry.name}" is in the archive twice`);
    names.add(entry.name);
    const name = Buffer.from(entry.name, 'utf8');
    const raw = Buffer.from(entry.data.buffer, entry.data.byteOffset, entry.data.byteLength);
    const deflated =
      ALREADY_COMPRESSED.test(entry.name) || raw.length === 0 ? null : deflateRawSync(raw, { level: 9 });
    const [method, body] = deflated && deflated.length < raw.length ? [DEFLATED, deflated] : [STORED, raw];
    const crc = crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    local.writeUInt16LE(VERSION, 4);
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL_HEADER, 0);
    central.writeUInt16LE(VERSION, 4);
    central.writeUInt16LE(VERSION, 6);
    central.writeUInt16LE(UTF8_NAMES, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(name.length, 28);
    // Extra field, comment, disk number and internal attributes: none. External attributes: the
    // MS-DOS folder bit for a folder.
    central.writeUInt32LE(entry.name.endsWith('/') ? 0x10 : 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
    if (offset > 0xffffffff) throw new Error('zip: an archive over 4 GB needs Zip64');
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/**
 * The entries of an archive, in order, read from its central directory and checked against each local
 * header and CRC. Reads what `zip` writes (stored and deflated, no Zip64, no encryption); throws on
 * anything else or anything inconsistent.
 */
export function unzip(archive: Buffer): ZipEntry[] {
  const endAt = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (endAt < 0 || endAt + 22 > archive.length) throw new Error('unzip: no end of central directory');
  const count = archive.readUInt16LE(endAt + 10);
  let at = archive.readUInt32LE(endAt + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (archive.readUInt32LE(at) !== CENTRAL_HEADER)
      throw new Error(`unzip: entry ${i} has no central header`);
    const flags = archive.readUInt16LE(at + 8);
    const method = archive.readUInt16LE(at + 10);
    const crc = archive.readUInt32LE(at + 16);
    const size = archive.readUInt32LE(at + 20);
    const rawSize = archive.readUInt32LE(at + 24);
    const nameLength = archive.readUInt16LE(at + 28);
    const extraLength = archive.readUInt16LE(at + 30);
    const commentLength = archive.readUInt16LE(at + 32);
    const localAt = archive.readUInt32LE(at + 42);
    const name = archive.toString(flags & UTF8_NAMES ? 'utf8' : 'latin1', at + 46, at + 46 + nameLength);
    if (flags & 0x0001) throw new Error(`unzip: ${name} is encrypted`);
    if (archive.readUInt32LE(localAt) !== LOCAL_HEADER) throw new Error(`unzip: ${name} has no local header`);
    if (archive.toString('utf8', localAt + 30, localAt + 30 + nameLength) !== name)
      throw new Error(`unzip: ${name}: its local header names another file`);
    const dataAt = localAt + 30 + archive.readUInt16LE(localAt + 26) + archive.readUInt16LE(localAt + 28);
    const body = archive.subarray(dataAt, dataAt + size);
    let data: Buffer;
    if (method === STORED) data = Buffer.from(body);
    else if (method === DEFLATED) data = inflateRawSync(body);
    else throw new Error(`unzip: ${name} uses compression method ${method}`);
    if (data.length !== rawSize || crc32(data) !== crc) throw new Error(`unzip: ${name} is corrupt`);
    entries.push({ name, data });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
