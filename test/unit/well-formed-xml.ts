/*
 * A strict XML 1.0 well-formedness check that also returns the tree, for tests of the LMS manifests
 * (Node has no DOM, and a parser dependency would be one more thing to install). It refuses anything not
 * well-formed: a bad declaration, tags that do not nest or match, attributes unquoted or repeated, a raw
 * '<' or a bad '&' reference in text or a value, characters XML does not allow, "]]>" in text, "--" in a
 * comment, anything after the root element but comments and white space, and namespace prefixes not
 * declared. A DOCTYPE is refused too: no manifest needs one.
 */
export interface XmlElement {
  /** As written, prefix included. */
  name: string;
  /** The namespace URI the element's prefix (or the default namespace) resolves to, '' if none. */
  namespace: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own character data, references resolved. */
  text: string;
}

/** An XML name, near enough: letters, '_' or ':' first, then also digits, marks, '.', '-' and '·'. */
const NAME = /[\p{L}_:][\p{L}\p{N}\p{M}._:\u00B7-]*/uy;
/** Characters XML 1.0 does not allow anywhere (surrogates are checked as pairs by the 'u' flag). */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function parseXml(source: string): XmlElement {
  let at = 0;
  const fail = (why: string): never => {
    const line = source.slice(0, at).split('\n').length;
    throw new Error(`not well-formed XML, line ${line}: ${why}`);
  };
  const bad = NOT_XML_CHAR.exec(source);
  if (bad) {
    at = bad.index;
    fail(`character U+${(bad[0].codePointAt(0) ?? 0).toString(16).toUpperCase()} is not allowed`);
  }
  const startsWith = (text: string) => source.startsWith(text, at);
  const skipSpace = () => {
    while (at < source.length && ' \t\r\n'.includes(source[at] ?? '')) at++;
  };
  const name = (): string => {
    NAME.lastIndex = at;
    const match = NAME.exec(source);
    if (!match) return fail('a name was expected');
    at += match[0].length;
    return match[0];
  };
  const references = (text: string): string =>
    text.replace(/&([^;]*);?/g, (whole, body: string) => {
      if (!whole.endsWith(';')) return fail(`"&" must start a reference ending in ";"`);
      if (body in PREDEFINED) return PREDEFINED[body] ?? '';
      const code = /^#x[0-9a-fA-F]+$/.test(body)
        ? parseInt(body.slice(2), 16)
        : /^#[0-9]+$/.test(body)
          ? parseInt(body.slice(1), 10)
          : NaN;
      if (Number.isNaN(code)) return fail(`&${body}; is not a reference XML knows without a DOCTYPE`);
      const char = code <= 0x10ffff ? String.fromCodePoint(code) : '\u0000';
      if (NOT_XML_CHAR.test(char)) return fail(`&${body}; is not an allowed character`);
      return char;
    });
  const comment = () => {
    const end = source.indexOf('-->', at + 4);
    if (end < 0) fail('a comment is not closed');
    if (source.slice(at + 4, end).includes('--') || source[end - 1] === '-') fail('"--" inside a comment');
    at = end + 3;
  };
  const processingInstruction = () => {
    at += 2;
    const target = name();
    if (target.toLowerCase() === 'xml') fail('an XML declaration is only allowed at the very start');
    const end = source.indexOf('?>', at);
    if (end < 0) fail('a processing instruction is not closed');
    at = end + 2;
  };
  /** Comments, processing instructions and white space, between the declaration and the root or after it. */
  const misc = () => {
    for (;;) {
      skipSpace();
      if (startsWith('<!--')) comment();
      else if (startsWith('<?')) processingInstruction();
      else return;
    }
  };

  if (startsWith('<?xml') && /\s/.test(source[at + 5] ?? '')) {
    const end = source.indexOf('?>');
    if (end < 0) fail('the XML declaration is not closed');
    const declaration = source.slice(0, end);
    if (
      !/^<\?xml\s+version\s*=\s*(["'])1\.[0-9]+\1(\s+encoding\s*=\s*(["'])[A-Za-z][\w.-]*\3)?(\s+standalone\s*=\s*(["'])(yes|no)\5)?\s*$/.test(
        declaration,
      )
    )
      fail('the XML declaration is malformed');
    at = end + 2;
  }
  misc();
  if (startsWith('<!DOCTYPE')) fail('a DOCTYPE is not expected');

  const element = (scope: Map<string, string>): XmlElement => {
    if (!startsWith('<')) fail('an element was expected');
    at++;
    const tag = name();
    const attributes: Record<string, string> = {};
    for (;;) {
      const before = at;
      skipSpace();
      if (startsWith('/>') || startsWith('>')) break;
      if (at === before) fail(`<${tag}>: attributes must be separated by white space`);
      const attribute = name();
      if (attribute in attributes) fail(`<${tag}>: attribute ${attribute} is given twice`);
      skipSpace();
      if (source[at] !== '=') fail(`<${tag}>: attribute ${attribute} has no "="`);
      at++;
      skipSpace();
      const quote = source[at];
      if (quote !== '"' && quote !== "'") return fail(`<${tag}>: attribute ${attribute} is not quoted`);
      const end = source.indexOf(quote, at + 1);
      if (end < 0) fail(`<${tag}>: attribute ${attribute} is not closed`);
      const raw = source.slice(at + 1, end);
      if (raw.includes('<')) fail(`<${tag}>: attribute ${attribute} holds a raw "<"`);
      attributes[attribute] = references(raw);
      at = end + 1;
    }
    const inner = new Map(scope);
    for (const [attribute, value] of Object.entries(attributes)) {
      if (attribute === 'xmlns') inner.set('', value);
      else if (attribute.startsWith('xmlns:')) {
        if (value === '') fail(`<${tag}>: ${attribute} cannot be empty`);
        inner.set(attribute.slice(6), value);
      }
    }
    const resolve = (qualified: string, isAttribute: boolean) => {
      const parts = qualified.split(':');
      if (parts.length > 2 || parts.some((part) => part === ''))
        fail(`${qualified} is not a namespace-valid name`);
      if (parts.length === 1) return isAttribute ? '' : (inner.get('') ?? '');
      const prefix = parts[0] ?? '';
      if (prefix === 'xml') return 'http://www.w3.org/XML/1998/namespace';
      if (prefix === 'xmlns') return 'http://www.w3.org/2000/xmlns/';
      const uri = inner.get(prefix);
      if (uri === undefined) return fail(`prefix "${prefix}" of ${qualified} is not declared`);
      return uri;
    };
    for (const attribute of Object.keys(attributes)) resolve(attribute, true);
    const node: XmlElement = {
      name: tag,
      namespace: resolve(tag, false),
      attributes,
      children: [],
      text: '',
    };
    if (startsWith('/>')) {
      at += 2;
      return node;
    }
    at++;
    for (;;) {
      const next = source.indexOf('<', at);
      if (next < 0) fail(`<${tag}> is not closed`);
      const text = source.slice(at, next);
      if (text.includes(']]>')) fail('"]]>" in text');
      node.text += references(text);
      at = next;
      if (startsWith('</')) {
        at += 2;
        const closing = name();
        if (closing !== tag) fail(`</${closing}> closes <${tag}>`);
        skipSpace();
        if (source[at] !== '>') fail(`</${closing}> is malformed`);
        at++;
        return node;
      }
      if (startsWith('<!--')) comment();
      else if (startsWith('<![CDATA[')) {
        const end = source.indexOf(']]>', at);
        if (end < 0) fail('a CDATA section is not closed');
        node.text += source.slice(at + 9, end);
        at = end + 3;
      } else if (startsWith('<?')) processingInstruction();
      else if (startsWith('<!')) fail('a declaration is not allowed inside an element');
      else node.children.push(element(inner));
    }
  };

  const root = element(new Map());
  misc();
  if (at < source.length) fail('only comments and white space may follow the root element');
  return root;
}

/** Every element of the tree, depth first, the root included. */
export function allElements(root: XmlElement): XmlElement[] {
  return [root, ...root.children.flatMap(allElements)];
}

/** Elements by local name (the part after any prefix) and namespace URI. */
export function elementsNamed(root: XmlElement, localName: string, namespace: string): XmlElement[] {
  return allElements(root).filter(
    (element) => element.namespace === namespace && element.name.replace(/^[^:]*:/, '') === localName,
  );
}
