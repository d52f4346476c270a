package model

import (
	"strings"
	"sync"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// plainYAML reads front matter written in the plain subset of YAML that
// content files almost always use, and gives the node tree yaml.v3 gives
// for it: the same kinds, tags, values, styles, lines and columns. The
// subset is a mapping of names to values, one a line, where a value is
// a double- or single-quoted string without escapes, a plain scalar on
// its line, a flow list of such scalars ([a, "b c"]), a block list of
// them or of such mappings, or a mapping of them. Anything else (a
// comment, a tab, an anchor, a tag, a block scalar, a value over more
// than one line, an escape, a control character, a document marker)
// makes it give up (ok false), and the caller hands the same bytes to
// yaml.v3, which also reports every error. TestPlainYAMLAsYAMLv3 and
// FuzzPlainYAML hold the trees equal.
//
// It is there for speed: at 100,000 generated documents yaml.v3 took
// 8.5 s of the load's 45 s of CPU, most of it in building its tokens,
// events and nodes one allocation at a time. On the generated front
// matter (BenchmarkFrontMatterYAML) plainYAML takes about a third of
// yaml.v3's time and 38 allocations a file against 269: its nodes are
// made a few dozen at a time, and its values are cut from one copy of
// the front matter. That copy would stay in memory while any of them
// does: the decoder copies the texts it keeps (decoder.text), and the
// rest are names shared through a valueSet, numbers or dates.
//
// A load parses with plainParsers, whose nodes serve file after file:
// the nodes of 100,000 generated documents' front matter were 1.29 GB of
// the load's 7.86 GB of allocations. Nothing decoded from a tree points
// into its nodes (the decoder keeps values, copies and positions).
func plainYAML(raw []byte) (root *yaml.Node, ok bool) {
	var p plainParser
	return p.parse(raw)
}

// plainParsers are parsers whose nodes and lines serve the next front
// matter once release is called.
var plainParsers = sync.Pool{New: func() any { return new(plainParser) }}

// release clears what the parser made and puts it back in plainParsers:
// the tree it gave must not be used after.
func (p *plainParser) release() {
	if p.reset() {
		plainParsers.Put(p)
	}
}

// reset clears what the parser made, for it to parse again, and says
// whether it is worth keeping: not after an uncommonly long front
// matter.
func (p *plainParser) reset() bool {
	if len(p.nodes) > maxPooledNodes/64 || cap(p.lines) > maxPooledNodes {
		return false
	}
	for _, nodes := range p.nodes[:p.nextNodes] {
		clear(nodes)
	}
	for _, ptrs := range p.ptrs[:p.nextPtrs] {
		clear(ptrs)
	}
	clear(p.lines)
	*p = plainParser{lines: p.lines[:0], nodes: p.nodes, ptrs: p.ptrs}
	return true
}

// maxPooledNodes bounds the nodes and lines a parser keeps for the next
// front matter.
const maxPooledNodes = 4096

// parse is plainYAML with p's nodes.
func (p *plainParser) parse(raw []byte) (root *yaml.Node, ok bool) {
	if !plainChars(raw) {
		return nil, false
	}
	// One string for the document, which the values are cut from.
	src := string(raw)
	if n := strings.Count(src, "\n") + 1; cap(p.lines) < n {
		p.lines = make([]plainLine, 0, n)
	}
	for num := 1; src != ""; num++ {
		line, rest, _ := strings.Cut(src, "\n")
		src = rest
		text := strings.TrimRight(line, " ")
		indent := len(text) - len(strings.TrimLeft(text, " "))
		if len(text) == 0 {
			continue
		}
		if text[indent] == '#' {
			return nil, false
		}
		p.lines = append(p.lines, plainLine{num: num, indent: indent, text: text[indent:]})
	}
	if len(p.lines) == 0 || p.lines[0].indent != 0 {
		return nil, false
	}
	root, ok = p.mapping(0)
	if !ok || p.at < len(p.lines) {
		return nil, false
	}
	return root, true
}

// plainChars says whether every character of raw is one that the subset
// allows: printable (as yaml.v3 counts it), no tab, no carriage return,
// no line break other than "\n", and valid UTF-8.
func plainChars(raw []byte) bool {
	for i := 0; i < len(raw); {
		c := raw[i]
		if c < utf8.RuneSelf {
			if c != '\n' && (c < 0x20 || c > 0x7E) {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(raw[i:])
		if r == utf8.RuneError || r < 0xA0 || (r > 0xD7FF && r < 0xE000) || r > 0xFFFD || r == 0xFEFF || r == 0x2028 || r == 0x2029 {
			return false
		}
		i += size
	}
	return true
}

type plainLine struct {
	num    int    // 1-based
	indent int    // spaces before text
	text   string // from the first character that is not a space, trailing spaces cut
}

type plainParser struct {
	lines []plainLine
	at    int // the line being read
	// nodes are made 64 at a time, in chunks kept for the next front
	// matter: the current chunk is nodes[nextNodes-1], of which used are
	// given out. ptrs are the children lists' arrays, cut up the same
	// way.
	nodes    [][]yaml.Node
	used     int
	ptrs     [][]*yaml.Node
	ptrsUsed int
	// nextNodes and nextPtrs count the chunks in use.
	nextNodes, nextPtrs int
}

// node is a new node.
func (p *plainParser) node(n yaml.Node) *yaml.Node {
	if p.nextNodes == 0 || p.used == len(p.nodes[p.nextNodes-1]) {
		if p.nextNodes == len(p.nodes) {
			p.nodes = append(p.nodes, make([]yaml.Node, 64))
		}
		p.nextNodes++
		p.used = 0
	}
	at := &p.nodes[p.nextNodes-1][p.used]
	p.used++
	*at = n
	return at
}

// children is an empty list of children with room for n.
func (p *plainParser) children(n int) []*yaml.Node {
	const chunk = 256
	if n > chunk/4 {
		return make([]*yaml.Node, 0, n)
	}
	if p.nextPtrs == 0 || p.ptrsUsed+n > len(p.ptrs[p.nextPtrs-1]) {
		if p.nextPtrs == len(p.ptrs) {
			p.ptrs = append(p.ptrs, make([]*yaml.Node, chunk))
		}
		p.nextPtrs++
		p.ptrsUsed = 0
	}
	c := p.ptrs[p.nextPtrs-1][p.ptrsUsed : p.ptrsUsed : p.ptrsUsed+n]
	p.ptrsUsed += n
	return c
}

// scalar is a node for an unquoted scalar, tagged as yaml.v3 resolves
// it, or for a quoted one (style).
func (p *plainParser) scalar(value string, style yaml.Style, line, col int) *yaml.Node {
	n := p.node(yaml.Node{Kind: yaml.ScalarNode, Style: style, Tag: "!!str", Value: value, Line: line, Column: col})
	if style == 0 {
		n.Tag = ""
		n.Tag = n.ShortTag()
	}
	return n
}

// column is the 1-based column, in characters, of text[off:] on l.
func (l plainLine) column(off int) int {
	return l.indent + 1 + utf8.RuneCountInString(l.text[:off])
}

// key splits a line "name: value" or "name:" into the name and where the
// value starts (len(text) when there is none).
func (l plainLine) key() (name string, valueAt int, ok bool) {
	t := l.text
	i := 0
	for i < len(t) && (t[i] == '_' || t[i] == '-' || 'a' <= t[i] && t[i] <= 'z' || 'A' <= t[i] && t[i] <= 'Z' || i > 0 && '0' <= t[i] && t[i] <= '9') {
		i++
	}
	// (YAML bounds a key on its line at 1,024 characters; names are far
	// shorter.)
	if i == 0 || i > 256 || t[0] == '-' || i == len(t) || t[i] != ':' {
		return "", 0, false
	}
	if i+1 == len(t) {
		return t[:i], len(t), true
	}
	if t[i+1] != ' ' {
		return "", 0, false
	}
	v := i + 1
	for t[v] == ' ' { // the text ends in a character that is not a space
		v++
	}
	return t[:i], v, true
}

// siblings counts the lines at indent from the current one on, up to
// one indented less: the most items a mapping or list there can have.
func (p *plainParser) siblings(indent int) int {
	n := 0
	for _, l := range p.lines[p.at:] {
		if l.indent < indent {
			break
		}
		if l.indent == indent {
			n++
		}
	}
	return n
}

// mapping reads the lines at indent that are "name: value" from the
// current one on.
func (p *plainParser) mapping(indent int) (*yaml.Node, bool) {
	first := p.lines[p.at]
	m := p.node(yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: first.num, Column: indent + 1})
	m.Content = p.children(2 * p.siblings(indent))
	for p.at < len(p.lines) && p.lines[p.at].indent == indent {
		l := p.lines[p.at]
		name, at, ok := l.key()
		if !ok {
			return nil, false
		}
		k := p.scalar(name, 0, l.num, l.column(0))
		p.at++
		var v *yaml.Node
		if at < len(l.text) {
			if v, ok = p.inline(l, at); !ok || !p.endsValue(indent) {
				return nil, false
			}
		} else if v, ok = p.block(indent); !ok {
			return nil, false
		}
		m.Content = append(m.Content, k, v)
	}
	if p.at < len(p.lines) && p.lines[p.at].indent > indent {
		return nil, false
	}
	return m, true
}

// endsValue says whether a value on one line ends there: the next line
// is not indented more than the mapping or list it is in (it would go
// on the value).
func (p *plainParser) endsValue(indent int) bool {
	return p.at == len(p.lines) || p.lines[p.at].indent <= indent
}

// block reads the value of a name at indent that has none on its line:
// a list, at that indent or more, or a mapping, indented more.
func (p *plainParser) block(indent int) (*yaml.Node, bool) {
	if p.at == len(p.lines) {
		return nil, false // null: left to yaml.v3
	}
	l := p.lines[p.at]
	switch {
	case l.indent >= indent && isItem(l.text):
		return p.list(l.indent)
	case l.indent > indent:
		return p.mapping(l.indent)
	}
	return nil, false
}

func isItem(text string) bool {
	return len(text) >= 2 && text[0] == '-' && text[1] == ' '
}

// list reads the lines at indent that are "- item" from the current one
// on. An item is a value on its line or a mapping that starts on it.
func (p *plainParser) list(indent int) (*yaml.Node, bool) {
	first := p.lines[p.at]
	s := p.node(yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: first.num, Column: indent + 1})
	s.Content = p.children(p.siblings(indent))
	for p.at < len(p.lines) && p.lines[p.at].indent == indent && isItem(p.lines[p.at].text) {
		l := p.lines[p.at]
		at := 1
		for l.text[at] == ' ' {
			at++
		}
		// The item as a line of its own, indented to where it starts.
		item := plainLine{num: l.num, indent: l.column(at) - 1, text: l.text[at:]}
		if _, _, isKey := item.key(); isKey {
			p.lines[p.at] = item
			m, ok := p.mapping(item.indent)
			if !ok {
				return nil, false
			}
			s.Content = append(s.Content, m)
			continue
		}
		v, ok := p.inline(item, 0)
		p.at++
		if !ok || !p.endsValue(indent) {
			return nil, false
		}
		s.Content = append(s.Content, v)
	}
	if p.at < len(p.lines) && p.lines[p.at].indent > indent {
		return nil, false
	}
	return s, true
}

// inline reads the value that starts at l.text[at] and ends the line: a
// quoted string, a flow list or a plain scalar.
func (p *plainParser) inline(l plainLine, at int) (*yaml.Node, bool) {
	t := l.text[at:]
	switch t[0] {
	case '"', '\'':
		end := strings.IndexByte(t[1:], t[0]) + 1
		if end == 0 || end != len(t)-1 || (t[0] == '"' && strings.IndexByte(t, '\\') >= 0) {
			return nil, false
		}
		return p.scalar(t[1:end], quoteStyle(t[0]), l.num, l.column(at)), true
	case '[':
		return p.flowList(l, at)
	}
	if !plainStart(t[0]) || strings.ContainsAny(t, "#[]{}") ||
		strings.Contains(t, ": ") || t[len(t)-1] == ':' || t == "<<" {
		return nil, false
	}
	return p.scalar(t, 0, l.num, l.column(at)), true
}

func quoteStyle(quote byte) yaml.Style {
	if quote == '\'' {
		return yaml.SingleQuotedStyle
	}
	return yaml.DoubleQuotedStyle
}

// flowList reads "[a, b]" at l.text[at], which ends the line: its items
// are quoted strings or plain scalars without ':' or '?'.
func (p *plainParser) flowList(l plainLine, at int) (*yaml.Node, bool) {
	t := l.text
	if t[len(t)-1] != ']' {
		return nil, false
	}
	s := p.node(yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle, Tag: "!!seq", Line: l.num, Column: l.column(at)})
	i, end := at+1, len(t)-1
	if items := strings.Count(t[i:end], ","); items > 0 || strings.TrimLeft(t[i:end], " ") != "" {
		s.Content = p.children(items + 1)
	}
	skip := func() {
		for i < end && t[i] == ' ' {
			i++
		}
	}
	skip()
	for i < end {
		start := i
		if t[i] == '"' || t[i] == '\'' {
			close := strings.IndexByte(t[i+1:end], t[i])
			if close < 0 || (t[i] == '"' && strings.IndexByte(t[i+1:i+1+close], '\\') >= 0) {
				return nil, false
			}
			s.Content = append(s.Content, p.scalar(t[i+1:i+1+close], quoteStyle(t[i]), l.num, l.column(start)))
			i += close + 2
		} else {
			if !plainStart(t[i]) {
				return nil, false
			}
			// yaml.v3 ends a plain scalar in a flow list at '?' too
			// (it reads a key there): left to it.
			for i < end && t[i] != ',' {
				if strings.IndexByte("[]{}#:\"'?", t[i]) >= 0 {
					return nil, false
				}
				i++
			}
			v := strings.TrimRight(t[start:i], " ")
			if v == "<<" {
				return nil, false
			}
			s.Content = append(s.Content, p.scalar(v, 0, l.num, l.column(start)))
		}
		skip()
		if i == end {
			break
		}
		if t[i] != ',' {
			return nil, false
		}
		i++
		skip()
		if i == end {
			return nil, false // a trailing comma: left to yaml.v3
		}
	}
	return s, true
}

// plainStart says whether a plain scalar may start with c: not a space
// and none of YAML's indicators.
func plainStart(c byte) bool {
	return c != ' ' && strings.IndexByte("-?:,[]{}#&*!|>'\"%@`", c) < 0
}
