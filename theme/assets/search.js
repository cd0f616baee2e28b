/* Catalogue search: queries the static bigram index written by build_tools/search.
 *
 * The same algorithm as build_tools/search/query.py (the reference): terms
 * split at white space, normalised with the table shipped in meta.json and
 * expanded to their synonyms (build_tools/search/synonyms.py); postings of
 * each alternative's bigrams fetched per chunk; candidates ranked from the
 * postings and the 有效性 column of meta.json; the first page proved by
 * reading the results' own text; the exact count and the filter counts
 * proved by positions.  Index format and design: docs/dev/search.md.
 *
 * ES5 with XMLHttpRequest and typed arrays (no Promise, no fetch, no build
 * step), so it runs in old browsers as served.
 */
(function () {
  "use strict";

  var form = document.querySelector("form[data-cat-search]");
  if (!form || !window.XMLHttpRequest || !window.Uint8Array || !window.JSON) return;
  var input = form.querySelector("input[name=q]");
  var ROOT = (form.getAttribute("data-cat-root") || ".").replace(/\/?$/, "/");
  var FORMAT = 5;  // the index format this script reads (index.FORMAT), which names its folder (index.ROOT)
  var DATA = ROOT + "search/data/" + FORMAT + "/";
  // A site without directory URLs (mkdocs.yml's use_directory_urls: false) names the file a page's
  // folder is served by (index.html): the index names pages by their folders (views/urls.page_url).
  var PAGE_FILE = form.getAttribute("data-cat-page") || "";

  function pageUrl(path) {
    var cut = path.search(/[?#]/), folder = cut < 0 ? path : path.slice(0, cut);
    return PAGE_FILE && /\/$/.test(folder) ? folder + PAGE_FILE + (cut < 0 ? "" : path.slice(cut)) : path;
  }
  // The index read is not the site's any more (another format, or files gone); the results page
  // and the drop-down say so with a link that reloads the page (sayUpdated).
  var UPDATED = "网站已更新，请刷新本页";
  var DAMAGED = "搜索索引的文件不完整";  // a file the index names is missing or damaged (搜索暂时无法使用（…）)
  var toggle = document.getElementById("__search");
  var dropdown = document.getElementById("cat-search-dropdown");
  var page = document.getElementById("cat-search-page");
  var PAGE_SIZE = 10;
  var FIRST_BATCH = 5;  // results shown first, as soon as they are read; the rest of the page follows
  var DROPDOWN_SIZE = 6;
  var TITLE = 0, META = 1, BODY = 2, ATTACHMENTS = 3, FIELDS = 4;
  var WEIGHTS = [0, 3, 2, 1];
  var MAX_LOOKUPS = 4;  // index terms a query term's candidates are looked up by (query.py)
  var COUNTED = 15;  // a document's count of positions is written when its frequency is this or more (index.py)
  var SPACE = /[\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+/;

  /* Figures for tests and benchmarks. */
  var stats = window.catSearch = { bytes: 0, requests: 0, searches: 0, firstResults: 0, done: 0 };

  // -- loading ----------------------------------------------------------------

  var cache = {};

  /* Load an index file: bytes (binary) or parsed JSON.  Every file but
     meta.json is stored compressed (zlib's format) and inflated here. */
  function load(url, binary, callback) {
    var entry = cache[url];
    if (entry) {
      if (entry.done) callback(entry.error, entry.value); else entry.waiting.push(callback);
      return;
    }
    entry = cache[url] = { done: false, waiting: [callback] };
    fetchFile(url, binary, function (error, value) {
      entry.done = true;
      entry.error = error || null;
      entry.value = value;
      var waiting = entry.waiting;
      entry.waiting = [];
      for (var i = 0; i < waiting.length; i++) waiting[i](entry.error, entry.value);
    });
  }

  /* One request for an index file, not remembered (load remembers): callback(error, value),
     (null, null) for 404. */
  function fetchFile(url, binary, settle) {
    var plain = /meta\.json$/.test(url);
    var xhr = new XMLHttpRequest();
    xhr.open("GET", url, true);
    if (!plain) xhr.responseType = "arraybuffer";
    if (plain) xhr.setRequestHeader("Cache-Control", "no-cache");
    xhr.onreadystatechange = function () {
      if (xhr.readyState !== 4) return;
      var ok = xhr.status === 200 || (xhr.status === 0 && xhr.response);
      stats.requests += 1;
      if (!ok) return settle(xhr.status === 404 ? null : new Error(url + ": HTTP " + xhr.status), null);  // 404: the caller tells
      // A file that does not inflate or parse (cut short, or a server's own error page sent with 200) is
      // damaged: said so, not with the browser's own words ("Failed to fetch" suggests the network).
      if (plain) {
        stats.bytes += utf8Length(xhr.responseText);
        try { return settle(null, JSON.parse(xhr.responseText)); } catch (e) { return settle(new Error(DAMAGED)); }
      }
      var bytes = new Uint8Array(xhr.response);
      stats.bytes += bytes.length;
      inflate(bytes, !binary, function (error, raw) {
        if (error) return settle(new Error(DAMAGED));
        try { settle(null, binary ? raw : JSON.parse(raw)); } catch (e) { settle(new Error(DAMAGED)); }
      });
    };
    xhr.send();
  }

  /* Inflate zlib-format bytes; callback(error, bytes, or text when asText).
     The browser's own DecompressionStream where there is one, else pako
     (assets/vendor, loaded the first time it is needed). */
  function inflate(bytes, asText, callback) {
    var later = function (error, value) { setTimeout(function () { callback(error, value); }, 0); };
    if (typeof DecompressionStream === "function" && typeof Response === "function" && window.TextDecoder) {
      try {
        var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
        new Response(stream).arrayBuffer().then(function (buffer) {
          var raw = new Uint8Array(buffer);
          later(null, asText ? new TextDecoder("utf-8").decode(raw) : raw);
        }, function (e) { later(e); });
        return;
      } catch (e) { /* an older browser's streams: use pako */ }
    }
    withPako(function (error, pako) {
      if (error) return callback(error);
      try { callback(null, pako.inflate(bytes, asText ? { to: "string" } : undefined)); } catch (e) { callback(e); }
    });
  }

  var pakoWaiting = null;

  function withPako(callback) {
    if (window.pako) return callback(null, window.pako);
    if (pakoWaiting) { pakoWaiting.push(callback); return; }
    pakoWaiting = [callback];
    var script = document.createElement("script");
    // Its versioned address (asset_urls.py): a browser never runs a pako kept from before an upgrade.
    script.src = form.getAttribute("data-cat-pako") || ROOT + "assets/vendor/pako_inflate.es5.min.js";
    script.onload = script.onerror = function () {
      var waiting = pakoWaiting, error = window.pako ? null : new Error("无法载入搜索索引的解压程序");
      pakoWaiting = null;
      for (var i = 0; i < waiting.length; i++) waiting[i](error, window.pako);
    };
    document.getElementsByTagName("head")[0].appendChild(script);
  }

  function utf8Length(s) {
    var n = 0;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? (i++, 4) : 3;
    }
    return n;
  }

  /* Run fn once the browser has had a chance to show what was just put in
     the page: results first, then whatever else they wait for. */
  function afterPaint(fn) { setTimeout(fn, 0); }

  /* Run tasks (each taking a callback) in parallel; callback(error, results). */
  function parallel(tasks, callback) {
    var left = tasks.length, results = [], failed = false;
    if (!left) { callback(null, results); return; }
    for (var i = 0; i < tasks.length; i++) {
      (function (i) {
        tasks[i](function (error, value) {
          if (failed) return;
          if (error) { failed = true; callback(error); return; }
          results[i] = value;
          if (--left === 0) callback(null, results);
        });
      })(i);
    }
  }

  // -- the index --------------------------------------------------------------

  var index = null, indexError = null, indexWaiting = [];

  function withIndex(callback) {
    if (index || indexError) { callback(indexError, index); return; }
    indexWaiting.push(callback);
    if (indexWaiting.length > 1) return;
    load(DATA + "meta.json", false, function (error, meta) {
      if (!error && !meta) error = new Error("没有搜索索引");
      // A page (and this script) kept by the browser from before the site was rebuilt with another
      // index format: say so rather than misread the index.
      if (!error && meta.format !== FORMAT) error = new Error(UPDATED);
      if (error) return indexReady(error);
      indexReady(null, makeIndex(meta, DATA + meta.id + "/"));
    });
  }

  /* Every document's facet values (facets.json): needed for filters and their
     counts only, so a query without filters shows its first results without it. */
  function withColumns(ix, callback) {
    if (ix.columns) return callback(null);
    load(ix.base + "facets.json", false, function (error, columns) {
      if (error) return callback(error);
      if (!ix.columns) {
        for (var i = 0; i < ix.facets.length; i++) {
          var f = ix.facets[i], col = columns[f.name], first = [], extra = {}, j;
          for (j = 0; j < col.c.length; j += col.w) {
            var v = 0;
            for (var k = 0; k < col.w; k++) v = v * 64 + ALPHABET.indexOf(col.c.charAt(j + k));
            first.push(v - 1);
          }
          for (j = 0; j < col.x.length; j++) (extra[col.x[j][0]] = extra[col.x[j][0]] || []).push(col.x[j][1]);
          f.first = first;
          f.extra = extra;
        }
        ix.columns = true;
      }
      callback(null);
    });
  }

  function indexReady(error, value) {
    indexError = error || null;
    index = value || null;
    stats.ready = !!index;
    var waiting = indexWaiting;
    indexWaiting = [];
    for (var i = 0; i < waiting.length; i++) waiting[i](indexError, index);
  }

  var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  function makeIndex(meta, base) {
    var drop = {}, brackets = {}, i;
    for (i = 0; i < meta.drop.length; i++) drop[meta.drop.charAt(i)] = true;
    for (i = 0; i < meta.open.length; i++) brackets[meta.open.charAt(i)] = "\u3014";
    for (i = 0; i < meta.close.length; i++) brackets[meta.close.charAt(i)] = "\u3015";
    var facets = [];
    for (i = 0; i < meta.facets.length; i++) {
      var f = meta.facets[i], tokens = {};
      for (var j = 0; j < f.values.length; j++) tokens[f.values[j][0]] = j;
      facets.push({ name: f.name, label: f.label, values: f.values, tokens: tokens, first: null, extra: null });
    }
    return { meta: meta, base: base, n: meta.n, fold: meta.fold, drop: drop, brackets: brackets,
             facets: facets, columns: false, buckets: {}, entries: {},
             status: readStatus(meta.status.docs, meta.n), statusValues: meta.status.values,
             synonyms: synonymTable(meta.synonyms), bundleOf: readBundles(meta.bundles, meta.n),
             newest: readOrder(meta.newest, meta.n) };
  }

  /* The documents newest first, and each one's place in that order
     (encoding.order_list: the number of runs, each run's length, then for
     each place the run its document comes from, when there is more than one). */
  function readOrder(text, n) {
    var values = readNumbers(text), runs = values[0], next = [], start = 0, i;
    var docs = new Int32Array(n), place = new Int32Array(n);
    for (i = 0; i < runs; i++) { next.push(start); start += values[1 + i]; }
    for (i = 0; i < n; i++) {
      var d = runs === 1 ? i : next[values[1 + runs + i]]++;
      docs[i] = d;
      place[d] = i;
    }
    return { docs: docs, place: place };
  }

  /* Each document's result file: the first document of its bundle, which
     names the file (encoding.bundle_list: for each bundle of more than one
     document, the one-document bundles before it and its size less two). */
  function readBundles(text, n) {
    var out = new Int32Array(n), values = readNumbers(text), i, k;
    for (i = 0; i < n; i++) out[i] = i;
    var doc = 0;
    for (i = 0; i + 1 < values.length; i += 2) {
      var first = doc + values[i], end = Math.min(n, first + values[i + 1] + 2);
      for (k = first; k < end; k++) out[k] = first;
      doc = first + values[i + 1] + 2;
    }
    return out;
  }

  /* Each document's 有效性 (an index into meta.status.values, -1 for 现行有效
     or none): the sparse column of encoding.sparse_column. */
  function readStatus(text, n) {
    var out = new Int8Array(n), values = readNumbers(text), doc = 0, i;
    for (i = 0; i < n; i++) out[i] = -1;
    for (i = 0; i < values.length; i++) {
      doc += Math.floor(values[i] / 8);
      out[doc] = values[i] % 8;
      doc += 1;
    }
    return out;
  }

  /* The integers of encoding.number_list: base-32 digits of ALPHABET, least
     significant first, every digit but a number's last plus 32. */
  function readNumbers(text) {
    var out = [], v = 0, scale = 1;
    for (var i = 0; i < text.length; i++) {
      var c = ALPHABET.indexOf(text.charAt(i));
      v += (c & 31) * scale;
      scale *= 32;
      if (c >= 32) continue;
      out.push(v);
      v = 0;
      scale = 1;
    }
    return out;
  }

  function statusOf(ix, d) { return ix.status[d] >= 0 ? ix.statusValues[ix.status[d]] : null; }

  /* 0 in force (or not yet, or no status), 1 amended or partly invalid, 2 repealed or expired. */
  function statusRank(ix, d) { var v = statusOf(ix, d); return v ? v[2] : 0; }

  function lapsed(ix, d) { var v = statusOf(ix, d); return !!(v && v[3]); }

  // -- synonyms (build_tools/search/synonyms.py) ---------------------------------

  var MAX_ALTERNATIVES = 8;

  function synonymTable(groups) {
    var groupOf = {}, longest = 0;
    for (var g = 0; g < groups.length; g++) {
      for (var m = 0; m < groups[g].length; m++) {
        var member = groups[g][m];
        if (!Object.prototype.hasOwnProperty.call(groupOf, member)) groupOf[member] = g;
        longest = Math.max(longest, codePoints(member).length);
      }
    }
    return { groups: groups, groupOf: groupOf, longest: longest };
  }

  /* The strings a normalised term matches: itself first, then its synonyms. */
  function alternatives(ix, term) {
    var table = ix.synonyms, cps = codePoints(term), pieces = [], literal = "", i = 0, n, k;
    if (!table.longest) return [term];
    while (i < cps.length) {
      var site = null;
      for (n = Math.min(table.longest, cps.length - i); n > 0 && site === null; n--) {
        var piece = cps.slice(i, i + n).join("");
        if (Object.prototype.hasOwnProperty.call(table.groupOf, piece)) site = piece;
      }
      if (site === null) { literal += cps[i]; i += 1; continue; }
      if (literal) { pieces.push([literal]); literal = ""; }
      var options = [site], group = table.groups[table.groupOf[site]];
      for (k = 0; k < group.length; k++) if (group[k] !== site) options.push(group[k]);
      pieces.push(options);
      i += codePoints(site).length;
    }
    if (literal) pieces.push([literal]);
    var alts = [""];
    for (i = 0; i < pieces.length; i++) {
      var next = [];
      for (k = 0; k < alts.length && next.length < MAX_ALTERNATIVES; k++) {
        for (n = 0; n < pieces[i].length && next.length < MAX_ALTERNATIVES; n++) next.push(alts[k] + pieces[i][n]);
      }
      alts = next;
    }
    var out = [];
    for (i = 0; i < alts.length; i++) if (out.indexOf(alts[i]) < 0) out.push(alts[i]);
    var kept = [out[0]];
    for (i = 1; i < out.length; i++) {
      var holds = false;
      for (k = 0; k < out.length && !holds; k++) holds = k !== i && out[i].indexOf(out[k]) >= 0;
      if (!holds) kept.push(out[i]);
    }
    return kept;
  }

  function hasValue(facet, doc, value) {
    if (facet.first[doc] === value) return true;
    var extra = facet.extra[doc];
    if (extra) for (var i = 0; i < extra.length; i++) if (extra[i] === value) return true;
    return false;
  }

  function valuesOf(facet, doc) {
    var out = facet.first[doc] >= 0 ? [facet.first[doc]] : [];
    return facet.extra[doc] ? out.concat(facet.extra[doc]) : out;
  }

  // -- normalisation (build_tools/search/normalise.py) -------------------------

  function codePoints(s) {
    var out = [];
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
        var d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d < 0xe000) { out.push(s.substr(i, 2)); i++; continue; }
      }
      out.push(s.charAt(i));
    }
    return out;
  }

  function codePoint(ch) {
    if (ch.length === 2) return (ch.charCodeAt(0) - 0xd800) * 0x400 + ch.charCodeAt(1) - 0xdc00 + 0x10000;
    return ch.charCodeAt(0);
  }

  function fromCodePoint(cp) {
    if (cp < 0x10000) return String.fromCharCode(cp);
    cp -= 0x10000;
    return String.fromCharCode(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
  }

  function foldChar(ix, ch) {
    if (Object.prototype.hasOwnProperty.call(ix.fold, ch)) return ix.fold[ch];
    if (ix.drop[ch]) return "";
    var n = (ch.normalize ? ch.normalize("NFKC") : ch).toLowerCase();
    var out = "", cps = codePoints(n);
    for (var i = 0; i < cps.length; i++) if (!ix.drop[cps[i]]) out += ix.brackets[cps[i]] || cps[i];
    return out;
  }

  function normalise(ix, s) {
    var cps = codePoints(s), out = "";
    for (var i = 0; i < cps.length; i++) out += foldChar(ix, cps[i]);
    return out;
  }

  /* The normal form of s, with the span of s each of its code units comes from. */
  function normaliseMapped(ix, s) {
    var text = "", from = [], to = [], at = 0, cps = codePoints(s);
    for (var i = 0; i < cps.length; i++) {
      var f = foldChar(ix, cps[i]);
      for (var k = 0; k < f.length; k++) { from.push(at); to.push(at + cps[i].length); }
      text += f;
      at += cps[i].length;
    }
    return { text: text, from: from, to: to };
  }

  function queryTerms(ix, query) {
    var words = codePoints(query).slice(0, ix.meta.maxQuery).join("").split(SPACE), terms = [], seen = {};
    for (var i = 0; i < words.length; i++) {
      var t = normalise(ix, words[i]);
      if (t && !seen[t]) {
        seen[t] = true;
        var alts = alternatives(ix, t), list = [];
        for (var k = 0; k < alts.length; k++) list.push({ text: alts[k], cps: codePoints(alts[k]) });
        terms.push({ text: t, cps: list[0].cps, order: terms.length, alts: list });
      }
    }
    terms.sort(function (a, b) { return b.cps.length - a.cps.length || a.order - b.order; });
    return terms;
  }

  function grams(term) {
    var cps = term.cps, out = [];
    for (var i = 0; i + 1 < cps.length; i++) out.push(cps[i] + cps[i + 1]);
    return out.length ? out : [cps[0]];
  }

  function cover(term) {
    var last = term.cps.length - 2, out = [];
    for (var o = 0; o <= last; o += 2) out.push(o);
    if (out[out.length - 1] !== last) out.push(last);
    return out;
  }

  /* The index terms whose postings give a term's candidates: up to
     MAX_LOOKUPS of the bigrams that prove it, the first and the last among
     them (query.py lookups); the others only narrow what the proof narrows. */
  function lookups(term) {
    var keys = grams(term);
    if (term.cps.length <= 2) return keys;
    var offsets = cover(term), out = [], last = offsets.length - 1, spans = MAX_LOOKUPS - 1;
    if (offsets.length <= MAX_LOOKUPS) {
      for (var i = 0; i < offsets.length; i++) out.push(keys[offsets[i]]);
    } else {
      for (var j = 0; j < MAX_LOOKUPS; j++) out.push(keys[offsets[Math.floor((2 * j * last + spans) / (2 * spans))]]);
    }
    return out;
  }

  function fnv1a(s) {
    var h = 2166136261, cps = codePoints(s);
    for (var i = 0; i < cps.length; i++) {
      h = (h ^ codePoint(cps[i])) >>> 0;
      h = ((h & 0xff) * 16777216 + h * 403) % 4294967296;  // h * 16777619 mod 2^32, exactly
    }
    return h;
  }

  // -- postings ---------------------------------------------------------------

  function Reader(bytes, at) { this.b = bytes; this.i = at || 0; }
  /* A varint; past the end of the bytes, or longer than a number can be, the file is damaged (an
     error, never a count read from nothing that a loop would follow for ever). */
  Reader.prototype.uint = function () {
    var b = this.b, v = 0, scale = 1, x;
    do {
      if (this.i >= b.length || scale > 9007199254740992) throw new Error(DAMAGED);
      x = b[this.i++]; v += (x & 0x7f) * scale; scale *= 128;
    } while (x >= 0x80);
    return v;
  };

  function bucketOf(ix, gram) { return fnv1a(gram) % ix.meta.buckets; }

  /* Load the chunks holding the given index terms; callback(error). */
  function loadTerms(ix, keys, callback) {
    var wanted = {}, tasks = [], absent = false;
    for (var i = 0; i < keys.length; i++) wanted[bucketOf(ix, keys[i])] = true;
    for (var b in wanted) {
      if (ix.buckets[b]) continue;
      (function (b) {
        tasks.push(function (done) {
          load(ix.base + "p/" + b + ".bin", true, function (error, bytes) {
            if (!error && !bytes) absent = true;
            else if (!error && !ix.buckets[b]) {
              try { ix.buckets[b] = parseBucket(bytes); } catch (e) { error = e; }
            }
            done(error);
          });
        });
      })(b);
    }
    parallel(tasks, function (error) {
      // 404: every chunk is written, so an index replaced since meta.json was read (the site
      // rebuilt under an open page) or a site published without some of its files: meta.json tells.
      if (error || !absent) return callback(error);
      missing(ix, callback);
    });
  }

  /* A file the index names answered 404: callback(error): the site was rebuilt (meta.json, asked
     again, names another index: reload) or the file is missing from this one (damaged). */
  function missing(ix, callback) {
    fetchFile(DATA + "meta.json", false, function (error, meta) {
      callback(new Error(!error && meta && meta.id === ix.meta.id ? DAMAGED : UPDATED));
    });
  }

  function parseBucket(bytes) {
    var entries = {};
    var r = new Reader(bytes), count = r.uint();
    if (count > bytes.length) throw new Error(DAMAGED);  // four numbers an entry at the least
    for (var i = 0; i < count; i++) {
      var cp1 = r.uint(), cp2 = r.uint(), length = r.uint(), where = r.uint();
      entries[fromCodePoint(cp1) + (cp2 ? fromCodePoint(cp2) : "")] = { at: r.i, where: where, one: !cp2 };
      r.i += length;
    }
    return { bytes: bytes, entries: entries };
  }

  /* A term's postings: per field null or {docs, tf (Uint8Array by document), poslen}. */
  function entry(ix, gram) {
    if (gram in ix.entries) return ix.entries[gram];
    var b = bucketOf(ix, gram), bucket = ix.buckets[b], raw = bucket && bucket.entries[gram];
    if (!raw) return (ix.entries[gram] = null);
    var r = new Reader(bucket.bytes, raw.at), fields = [], n = ix.n;
    for (var f = 0; f < FIELDS; f++) {
      var head = r.uint();
      if (!head) { fields.push(null); continue; }
      var df = Math.floor(head / 2), docs = [], tf = new Uint8Array(n), i, d;
      if (head % 2) {
        var bytes = (n + 7) >> 3, start = r.i, k = 0;
        for (i = 0; i < bytes; i++) {
          var byte = bucket.bytes[start + i];
          if (byte) for (var j = 0; j < 8; j++) if (byte >> j & 1) docs.push(i * 8 + j);
        }
        r.i += bytes;
        if (raw.one) {  // a bit each: more than once
          for (k = 0; k < docs.length; k++) tf[docs[k]] = 1 + (bucket.bytes[r.i + (k >> 3)] >> (k & 7) & 1);
          r.i += (df + 7) >> 3;
        } else {
          for (k = 0; k < docs.length; k++) tf[docs[k]] = bucket.bytes[r.i + (k >> 1)] >> 4 * (k & 1) & 15;
          r.i += (df + 1) >> 1;
        }
      } else {
        d = -1;
        for (i = 0; i < df; i++) {
          var g = r.uint();  // gap·2, or gap·2 + 1: more than once (then, for a bigram, the frequency less two)
          d += Math.floor(g / 2) + 1;
          docs.push(d);
          tf[d] = g % 2 ? (raw.one ? 2 : Math.min(r.uint() + 2, 255)) : 1;
        }
      }
      fields.push({ docs: docs, tf: tf, poslen: r.uint() });
    }
    // Positions follow in the chunk (where 0), or lie in x/<b>.bin at where − 1.
    var inline = raw.where === 0;
    return (ix.entries[gram] = { fields: fields, start: inline ? r.i : raw.where - 1, inline: inline, bucket: b });
  }

  /* Documents that may hold a term: {doc: [tf per field, 0 when absent]}. */
  function candidates(ix, term) {
    var keys = lookups(term), entries = [], seen = {}, out = {}, i;
    for (i = 0; i < keys.length; i++) {
      if (seen[keys[i]]) continue;
      seen[keys[i]] = true;
      var e = entry(ix, keys[i]);
      if (!e) return out;
      entries.push(e);
    }
    for (var f = 0; f < FIELDS; f++) {
      var lists = [];
      for (i = 0; i < entries.length; i++) {
        if (!entries[i].fields[f]) { lists = null; break; }
        lists.push(entries[i].fields[f]);
      }
      if (!lists) continue;
      lists.sort(function (a, b) { return a.docs.length - b.docs.length; });
      var first = lists[0];
      for (i = 0; i < first.docs.length; i++) {
        var d = first.docs[i], est = first.tf[d];
        for (var j = 1; j < lists.length && est; j++) est = Math.min(est, lists[j].tf[d]);
        if (est) (out[d] = out[d] || [0, 0, 0, 0])[f] = est;
      }
    }
    return out;
  }

  /* Positions of an index term in one field, for the given documents (packed: index.py). */
  function positionsOf(ix, gram, field, wanted) {
    var e = entry(ix, gram), out = {}, f, i;
    if (!e || !e.fields[field]) return out;
    var bytes = e.inline ? ix.buckets[e.bucket].bytes : cache[ix.base + "x/" + e.bucket + ".bin"].value;
    var at = e.start;
    for (f = 0; f < field; f++) if (e.fields[f]) at += e.fields[f].poslen;
    var r = new Reader(bytes, at), docs = e.fields[field].docs, tf = e.fields[field].tf, counts = [], total = 0;
    for (i = 0; i < docs.length; i++) {
      counts.push(tf[docs[i]] < COUNTED ? tf[docs[i]] : r.uint());
      total += counts[i];
    }
    var w1 = bytes[r.i++], w2 = total > docs.length ? bytes[r.i++] : 0, start = r.i, gap = docs.length * w1;
    for (i = 0; i < docs.length; i++) {
      if (wanted[docs[i]]) {
        var list = [bitsAt(bytes, start, i * w1, w1)];
        for (var k = 1; k < counts[i]; k++) list.push(list[k - 1] + bitsAt(bytes, start, gap + (k - 1) * w2, w2));
        out[docs[i]] = list;
      }
      gap += (counts[i] - 1) * w2;
    }
    return out;
  }

  /* The width-bit value at bit `bit` of the bits from byte `start`, least significant bit first
     (by multiplication and division, not 32-bit shifts: a position may need more bits). */
  function bitsAt(bytes, start, bit, width) {
    var value = 0, scale = 1;
    while (width > 0) {
      var offset = bit % 8, take = Math.min(8 - offset, width);
      value += (bytes[start + Math.floor(bit / 8)] >> offset & ((1 << take) - 1)) * scale;
      scale *= 1 << take;
      bit += take;
      width -= take;
    }
    return value;
  }

  /* Every bigram that proves an alternative of three or more characters. */
  function provingKeys(terms) {
    var keys = [];
    for (var t = 0; t < terms.length; t++) {
      for (var k = 0; k < terms[t].alts.length; k++) {
        var alt = terms[t].alts[k];
        if (alt.cps.length <= 2) continue;
        var g = grams(alt), offsets = cover(alt);
        for (var o = 0; o < offsets.length; o++) keys.push(g[offsets[o]]);
      }
    }
    return keys;
  }

  /* Can the terms be proved from the chunks already read (every proving
     bigram looked up, its positions in its chunk)? */
  function provedByChunks(ix, terms) {
    var keys = provingKeys(terms);
    for (var i = 0; i < keys.length; i++) {
      if (!ix.buckets[bucketOf(ix, keys[i])]) return false;
      var e = entry(ix, keys[i]);
      if (e && !e.inline) return false;
    }
    return true;
  }

  /* Prove the candidates of every alternative of every term by positions;
     callback(error, proved: [per term: [per alternative: {doc: true}]]).
     An alternative of one or two characters is exact from its postings. */
  function prove(ix, terms, cands, docs, callback) {
    var keys = provingKeys(terms);
    loadTerms(ix, keys, function (error) {
      if (error) return callback(error);
      var tasks = [], seen = {};
      for (var i = 0; i < keys.length; i++) {
        var e = entry(ix, keys[i]);
        if (!e || e.inline || seen[e.bucket]) continue;
        seen[e.bucket] = true;
        (function (b) {
          tasks.push(function (done) { load(ix.base + "x/" + b + ".bin", true, done); });
        })(e.bucket);
      }
      parallel(tasks, function (error) {
        if (error) return callback(error);
        for (var b in seen) if (!cache[ix.base + "x/" + b + ".bin"].value) return missing(ix, callback);  // 404
        var proved = [];
        try {  // a damaged chunk: an error said, never a script stopped half-way
          for (var t = 0; t < terms.length; t++) {
            var perAlt = [];
            for (var k = 0; k < terms[t].alts.length; k++) perAlt.push(proveAlt(ix, terms[t].alts[k], cands[t].alts[k], docs));
            proved.push(perAlt);
          }
        } catch (e) { return callback(e); }
        callback(null, proved);
      });
    });
  }

  function proveAlt(ix, alt, cands, docs) {
    var ok = {}, i, d;
    if (alt.cps.length <= 2) {
      for (i = 0; i < docs.length; i++) if (cands[docs[i]]) ok[docs[i]] = true;
      return ok;
    }
    var keys = grams(alt), offsets = cover(alt);
    for (var f = 0; f < FIELDS; f++) {
      var wanted = {}, any = false;
      for (i = 0; i < docs.length; i++) {
        var c = cands[docs[i]];
        if (c && c[f]) { wanted[docs[i]] = true; any = true; }
      }
      if (!any) continue;
      var lists = [];
      for (var o = 0; o < offsets.length; o++) {
        lists.push(positionsOf(ix, keys[offsets[o]], f, wanted));
      }
      for (d in wanted) {
        if (ok[d]) continue;
        var starts = lists[0][d] || [], sets = [];
        for (o = 1; o < offsets.length; o++) {
          var set = {}, l = lists[o][d] || [];
          for (var k = 0; k < l.length; k++) set[l[k]] = true;
          sets.push(set);
        }
        for (k = 0; k < starts.length && !ok[d]; k++) {
          var all = true;
          for (o = 1; o < offsets.length && all; o++) all = sets[o - 1][starts[k] + offsets[o]] === true;
          if (all) ok[d] = true;
        }
      }
    }
    return ok;
  }

  // -- searching ---------------------------------------------------------------

  /* Start a search.  state: {q, filters: {name: token}, sort, page, firstOnly}.
     onFirst(result) when the shown page is known; onDone(result) when the
     count and the filter counts are exact.  Result: {terms, ranked, shown,
     total (null until exact), counts, docs (result files by document)}. */
  function now() { return window.performance && performance.now ? performance.now() : +new Date(); }

  function search(ix, state, limit, onFirst, onDone, onError) {
    var terms = queryTerms(ix, state.q || "");
    var started = now(), bytes = stats.bytes, requests = stats.requests, timing = { q: state.q || "" };
    stats.searches += 1;
    stats.last = timing;
    var first = onFirst, done = onDone;
    // Times in ms from the query (firstMs, doneMs) and from the page's start
    // (firstAt, doneAt), after the results are in the document; bytes read.
    onFirst = function (result) {
      first(result);
      if (timing.firstAt !== undefined) return;  // a later batch of the same page
      timing.firstAt = now();
      timing.firstMs = timing.firstAt - started;
      timing.firstBytes = stats.bytes - bytes;
      timing.firstRequests = stats.requests - requests;
      timing.bytesAtFirst = stats.bytes;
    };
    onDone = function (result) {
      done(result);
      timing.doneAt = now();
      timing.doneMs = timing.doneAt - started;
      timing.doneBytes = stats.bytes - bytes;
      timing.doneRequests = stats.requests - requests;
      timing.bytesAtDone = stats.bytes;
    };
    // What was searched: the query's first maxQuery characters (queryTerms); said as such, never the
    // whole query of a longer one (a reader told that a record holds characters never looked for).
    var typed = codePoints(state.q || ""), searched = typed.slice(0, ix.meta.maxQuery).join("");
    var result = { terms: terms, searched: searched, cut: typed.length > ix.meta.maxQuery ? ix.meta.maxQuery : 0,
                   ranked: null, matching: null, shown: [], total: null, counts: null, docs: {}, via: {},
                   where: {}, cands: null };
    var filtered = false, hide = false;  // hide=lapsed needs meta.json's 有效性 only, not facets.json
    for (var name in state.filters || {}) {
      if (state.filters[name]) { if (name === "hide") hide = true; else filtered = true; }
    }
    if (!filtered) return start(hide ? filterMask(ix, state.filters, null) : null);
    withColumns(ix, function (error) {
      if (error) return onError(error);
      start(filterMask(ix, state.filters, null));
    });

    function start(allowed) {
      if (!terms.length) {
        var all = [];
        for (var d = 0; d < ix.n; d++) all.push(ix.newest.docs[d]);
        result.ranked = all;
        return finish(ix, state, result, all, allowed, limit, onFirst, onDone, onError);
      }
      var keys = [], i, k;
      for (i = 0; i < terms.length; i++) for (k = 0; k < terms[i].alts.length; k++) keys = keys.concat(lookups(terms[i].alts[k]));
      var tasks = [function (done) { loadTerms(ix, keys, done); }];
      var exact = {};
      if (terms.length === 1 && state.sort !== "date") {
        tasks.push(function (done) {
          load(ix.base + "k/" + fnv1a(terms[0].text) % ix.meta.keyBuckets + ".json", false, function (error, keys) {
            var keyed = (!error && keys && keys[terms[0].text]) || [];
            for (var i = 0; i < keyed.length; i++) exact[keyed[i]] = true;
            done(null);
          });
        });
      }
      parallel(tasks, function (error) {
        if (error) return onError(error);
        var cands = [], common = null, docs = [], t, d;
        try {  // a damaged chunk's entries: an error said, never a page left waiting
          for (t = 0; t < terms.length; t++) {
            var c = termCandidates(ix, terms[t]), next = {};
            cands.push(c);
            for (d in c.merged) if (!common || common[d]) next[d] = true;
            common = next;
          }
        } catch (e) { return onError(e); }
        for (d in common) docs.push(+d);
        docs.sort(function (a, b) { return a - b; });
        result.cands = cands;
        result.ranked = rank(ix, terms, cands, docs, exact, state.sort);
        finish(ix, state, result, docs, allowed, limit, onFirst, onDone, onError);
      });
    }
  }

  /* A term's candidates: {alts: [candidates of each alternative], merged: {doc:
     [greatest estimate per field over the alternatives]}}. */
  function termCandidates(ix, term) {
    var alts = [], merged = {}, k, d, f;
    for (k = 0; k < term.alts.length; k++) alts.push(candidates(ix, term.alts[k]));
    if (alts.length === 1) return { alts: alts, merged: alts[0] };
    for (k = 0; k < alts.length; k++) {
      for (d in alts[k]) {
        var into = merged[d] || (merged[d] = [0, 0, 0, 0]), from = alts[k][d];
        for (f = 0; f < FIELDS; f++) if (from[f] > into[f]) into[f] = from[f];
      }
    }
    return { alts: alts, merged: merged };
  }

  /* The ranking of query.py: index number or 发文字号 first, then terms in
     the title (equal relevance), then 有效性, then fewer terms found only
     through a synonym, then the score, then newest first. */
  function rank(ix, terms, cands, docs, exact, sort) {
    var place = ix.newest.place;
    if (sort === "date") return docs.slice().sort(function (a, b) { return place[a] - place[b]; });
    var keyed = [];
    for (var i = 0; i < docs.length; i++) {
      var d = docs[i], inTitle = 0, score = 0, synonym = 0;
      for (var t = 0; t < terms.length; t++) {
        var c = cands[t].merged[d];
        if (c[TITLE]) inTitle += 1;
        for (var f = 1; f < FIELDS; f++) if (c[f]) score += WEIGHTS[f] * c[f] / (c[f] + 1);
        if (!cands[t].alts[0][d]) synonym += 1;
      }
      keyed.push([exact[d] ? 0 : 1, -inTitle, statusRank(ix, d), synonym, -score, place[d], d]);
    }
    keyed.sort(function (a, b) {
      return a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3] || a[4] - b[4] || a[5] - b[5];
    });
    var out = [];
    for (i = 0; i < keyed.length; i++) out.push(keyed[i][6]);
    return out;
  }

  /* Which documents pass the filters (null: all), leaving out facet skip;
     hide=lapsed (not a facet) leaves out repealed and expired documents. */
  function filterMask(ix, filters, skip) {
    var wanted = [], hide = !!filters && filters.hide === "lapsed";
    for (var i = 0; i < ix.facets.length; i++) {
      var f = ix.facets[i], token = filters && filters[f.name];
      if (token && f.name !== skip) wanted.push([f, f.tokens.hasOwnProperty(token) ? f.tokens[token] : -2]);
    }
    if (!wanted.length && !hide) return null;
    var ok = new Uint8Array(ix.n);
    for (var d = 0; d < ix.n; d++) {
      var pass = hide && lapsed(ix, d) ? 0 : 1;
      for (i = 0; i < wanted.length && pass; i++) if (!hasValue(wanted[i][0], d, wanted[i][1])) pass = 0;
      ok[d] = pass;
    }
    return ok;
  }

  function needsProof(terms) {
    for (var i = 0; i < terms.length; i++) {
      for (var k = 0; k < terms[i].alts.length; k++) if (terms[i].alts[k].cps.length > 2) return true;
    }
    return false;
  }

  function finish(ix, state, result, docs, allowed, limit, onFirst, onDone, onError) {
    var ranked = [], i;
    for (i = 0; i < result.ranked.length; i++) if (!allowed || allowed[result.ranked[i]]) ranked.push(result.ranked[i]);
    var pageNo = Math.max(1, state.page || 1), skip = (pageNo - 1) * limit;
    var proof = needsProof(result.terms);
    var exactDone = function (matching) {
      var shownAll = [];
      for (var i = 0; i < ranked.length; i++) if (!matching || matching[ranked[i]]) shownAll.push(ranked[i]);
      result.total = shownAll.length;
      return shownAll;
    };
    // The filter counts need every document's facet values: read them now.
    var complete = function (matching) {
      if (state.firstOnly) { stats.done += 1; return onDone(result); }
      withColumns(ix, function (error) {
        if (error) return onError(error);
        result.counts = facetCounts(ix, state.filters, docs, matching);
        stats.done += 1;
        onDone(result);
      });
    };
    var firstSent = false;
    // Show a proved page in two steps: its first results as soon as their
    // files are read, then the whole page.
    var showPage = function (shown, matching) {
      var head = shown.slice(0, FIRST_BATCH);
      prepare(ix, result, head, function (error) {
        if (error) return onError(error);
        result.shown = head;
        result.partial = head.length < shown.length;
        if (!firstSent) { firstSent = true; stats.firstResults += 1; }
        onFirst(result);
        if (!result.partial) return complete(matching);
        afterPaint(function () {
          prepare(ix, result, shown, function (error) {
            if (error) return onError(error);
            result.shown = shown;
            result.partial = false;
            onFirst(result);
            complete(matching);
          });
        });
      });
    };
    if (!proof) {
      var list = exactDone(null);
      return showPage(list.slice(skip, skip + limit), null);
    }
    var proveAll = function () {
      prove(ix, result.terms, result.cands, docs, function (error, proved) {
        if (error) return onError(error);
        var matching = {};
        for (var i = 0; i < docs.length; i++) {
          var ok = true;
          for (var t = 0; t < proved.length && ok; t++) {
            ok = false;
            for (var k = 0; k < proved[t].length && !ok; k++) ok = proved[t][k][docs[i]] === true;
          }
          if (ok) matching[docs[i]] = true;
        }
        result.matching = matching;
        var list = exactDone(matching);
        var shown = list.slice(skip, skip + limit);
        if (firstSent) {  // the first page is on screen: fill in what it lacks, then the count
          return prepare(ix, result, shown, function (error) {
            if (error) return onError(error);
            result.shown = shown;
            complete(matching);
          });
        }
        showPage(shown, matching);
      });
    };
    // First page: when the chunks read for the candidates hold the positions
    // that prove them, prove at once.  Otherwise read the best candidates' own
    // files (a result shows them anyway), first a few, then batch after
    // batch, showing the proved ones as they come (ranks never change, so a
    // later batch only adds below); then prove the rest by positions for the
    // exact count.
    if (pageNo > 1 || provedByChunks(ix, result.terms)) return proveAll();
    var cap = 3 * limit;
    var shown = [], at = 0;
    var show = function (partial) {
      result.shown = shown.slice();
      result.partial = partial;
      if (!firstSent) { firstSent = true; stats.firstResults += 1; }
      onFirst(result);
    };
    var step = function () {
      var capped = shown.length < limit && at >= cap;
      if (capped || shown.length >= limit || at >= ranked.length) {
        show(capped);
        // The drop-down shows no count: it stops here.
        return state.firstOnly ? undefined : afterPaint(proveAll);
      }
      if (shown.length && !firstSent) {
        show(true);
        return afterPaint(step);  // what is read next waits until the first results are on screen
      }
      var batch = ranked.slice(at, at + (firstSent ? Math.max(limit - shown.length, 2) : Math.min(limit, FIRST_BATCH)));
      at += batch.length;
      loadDocs(ix, result, batch, function (error) {
        if (error) return onError(error);
        var tasks = [];
        for (var i = 0; i < batch.length; i++) {
          (function (d) {
            tasks.push(function (done) { examine(ix, result, d, done); });
          })(batch[i]);
        }
        parallel(tasks, function (error, found) {
          if (error) return onError(error);
          for (var i = 0; i < batch.length && shown.length < limit; i++) if (found[i].ok) shown.push(batch[i]);
          step();
        });
      });
    };
    step();
  }

  function facetCounts(ix, filters, docs, matching) {
    var counts = {};
    for (var i = 0; i < ix.facets.length; i++) {
      var f = ix.facets[i], ok = filterMask(ix, filters, f.name), c = {};
      for (var k = 0; k < docs.length; k++) {
        var d = docs[k];
        if ((matching && !matching[d]) || (ok && !ok[d])) continue;
        var vs = valuesOf(f, d);
        for (var j = 0; j < vs.length; j++) c[vs[j]] = (c[vs[j]] || 0) + 1;
      }
      counts[f.name] = c;
    }
    return counts;
  }

  /* Load the result files of docs and find where each shows a term (for its excerpt). */
  function prepare(ix, result, docs, callback) {
    loadDocs(ix, result, docs, function (error) {
      if (error) return callback(error);
      var tasks = [];
      for (var i = 0; i < docs.length; i++) {
        (function (d) {
          if (!(d in result.where)) tasks.push(function (done) { examine(ix, result, d, done); });
        })(docs[i]);
      }
      parallel(tasks, callback);
    });
  }

  function loadDocs(ix, result, docs, callback) {
    var tasks = [];
    for (var i = 0; i < docs.length; i++) {
      (function (d) {
        if (result.docs[d]) return;
        tasks.push(function (done) {
          var first = ix.bundleOf[d];
          load(ix.base + "d/" + first + ".json", false, function (error, bundle) {
            var doc = bundle && bundle[d - first];
            // Gone (404): the site was rebuilt since meta.json was read, and its files replaced.
            if (!error && !doc) error = new Error(UPDATED);
            if (!error) result.docs[d] = doc;
            done(error);
          });
        });
      })(docs[i]);
    }
    parallel(tasks, callback);
  }

  // -- a document's text: proof and excerpt -------------------------------------

  /* The texts of a document after its title, in excerpt order: body,
     attachments, then meta (keywords, summary, numbers).  Each: {field, label, text}. */
  function segments(ix, d, doc) {
    var out = [], i;
    out.push({ field: BODY, label: "", text: doc.b });
    for (i = 0; i < doc.a.length; i++) out.push({ field: ATTACHMENTS, label: "附件 " + doc.a[i][0] + "：", text: doc.a[i][2] });
    var meta = [["", doc.s], ["主题词：", doc.w.join("　")], ["发文字号：", doc.o], ["索引号：", doc.n]];
    for (i = 0; i < meta.length; i++) if (meta[i][1]) out.push({ field: META, label: meta[i][0], text: meta[i][1] });
    return out;
  }

  function metaParts(doc) {
    var parts = [doc.n, doc.o].concat(doc.w, [doc.s]), out = [];
    for (var i = 0; i < parts.length; i++) if (parts[i]) out.push(parts[i]);
    return out;
  }

  /* Does document d contain every term (read from its text), through which
     alternative, and where is the first one in it?  callback(null, {ok, segment}).
     Sets result.where[d] (for the excerpt) and result.via[d] (the synonym
     found for each term the document holds only through a synonym: its
     first alternative the document holds, as query.py gives it). */
  function examine(ix, result, d, callback) {
    var doc = result.docs[d], terms = result.terms, cands = result.cands;
    if (!terms.length) { result.where[d] = null; return callback(null, { ok: true, segment: null }); }
    var segs = segments(ix, d, doc), state = [], t, k, i;
    var title = null, metas = null;
    // state[t][k]: 1 found, 0 not known yet, -1 absent (not a candidate, or not in any text)
    for (t = 0; t < terms.length; t++) {
      var row = [];
      for (k = 0; k < terms[t].alts.length; k++) {
        var alt = terms[t].alts[k], c = cands[t].alts[k][d], found = 0;
        if (!c) found = -1;
        else if (alt.cps.length <= 2) found = 1;
        else {
          if (c[TITLE] && (title || (title = normalise(ix, doc.t))).indexOf(alt.text) >= 0) found = 1;
          if (!found && c[META]) {
            if (!metas) { metas = metaParts(doc); for (i = 0; i < metas.length; i++) metas[i] = normalise(ix, metas[i]); }
            for (i = 0; i < metas.length && !found; i++) if (metas[i].indexOf(alt.text) >= 0) found = 1;
          }
        }
        row.push(found);
      }
      state.push(row);
    }
    // Read on while a term has an alternative not known yet before the first one found.
    var open = function () {
      for (var t = 0; t < state.length; t++) {
        for (var k = 0; k < state[t].length && state[t][k] !== 1; k++) if (state[t][k] === 0) return true;
      }
      return false;
    };
    var where = null, s = 0;
    var next = function () {
      if (s >= segs.length || (!open() && where)) {
        var ok = true, via = [];
        for (var t = 0; t < state.length; t++) {
          var first = -1;
          for (var k = 0; k < state[t].length && first < 0; k++) if (state[t][k] === 1) first = k;
          if (first < 0) ok = false;
          else if (first > 0) via.push(terms[t].alts[first].text);
        }
        result.where[d] = where;
        if (ok && via.length) result.via[d] = via; else delete result.via[d];
        return callback(null, { ok: ok, segment: where });
      }
      var seg = segs[s++];
      var useText = function (text) {
        var norm = normaliseMapped(ix, text), t, k, at;
        for (t = 0; t < terms.length; t++) {
          for (k = 0; k < terms[t].alts.length; k++) {
            if (state[t][k] === 0 && norm.text.indexOf(terms[t].alts[k].text) >= 0) state[t][k] = 1;
          }
        }
        if (!where) {
          for (t = 0; t < terms.length; t++) {
            for (k = 0; k < terms[t].alts.length; k++) {
              at = norm.text.indexOf(terms[t].alts[k].text);
              if (at >= 0 && (!where || at < where.at)) where = { seg: seg, text: text, norm: norm, at: at };
            }
          }
        }
        next();
      };
      useText(seg.text);
    };
    next();
  }

  // -- rendering ----------------------------------------------------------------

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.appendChild(document.createTextNode(text));
    return e;
  }

  /* Append text to parent with every occurrence of the terms in <mark>. */
  function highlight(ix, parent, text, terms, mapped) {
    var norm = mapped || normaliseMapped(ix, text), marks = [], t, at;
    for (t = 0; t < terms.length; t++) {
      for (var k = 0; k < terms[t].alts.length; k++) {  // the term and every synonym of it
        var needle = terms[t].alts[k].text;
        at = norm.text.indexOf(needle);
        while (at >= 0) {
          marks.push([norm.from[at], norm.to[at + needle.length - 1]]);
          at = norm.text.indexOf(needle, at + 1);
        }
      }
    }
    marks.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var pos = 0;
    for (var i = 0; i < marks.length; i++) {
      var start = Math.max(marks[i][0], pos), end = marks[i][1];
      if (end <= pos) continue;
      if (start > pos) parent.appendChild(document.createTextNode(text.slice(pos, start)));
      parent.appendChild(el("mark", "", text.slice(start, end)));
      pos = end;
    }
    if (pos < text.length) parent.appendChild(document.createTextNode(text.slice(pos)));
  }

  /* About 110 characters of text around the first match, matches marked. */
  function excerpt(ix, parent, doc, terms, where) {
    var text, start = 0, end;
    if (!where) {
      text = doc.s || doc.b[0] || "";
      end = Math.min(text.length, 110);
      parent.appendChild(document.createTextNode(flat(text.slice(0, end)) + (end < text.length ? "…" : "")));
      return;
    }
    text = where.text;
    var at = where.norm.from[where.at];
    start = Math.max(0, at - 36);
    // Start at the beginning of the sentence holding the match when it is close.
    for (var i = at - 1; i >= start; i--) {
      if ("。；！？\n".indexOf(text.charAt(i)) >= 0) { start = i + 1; break; }
    }
    while (start < at && /\s/.test(text.charAt(start))) start++;
    end = Math.min(text.length, start + 110);
    if (start > 0 && text.charCodeAt(start) >= 0xdc00 && text.charCodeAt(start) < 0xe000) start -= 1;
    if (where.seg.label) parent.appendChild(el("span", "cat-search-result__where", where.seg.label));
    var piece = flat(text.slice(start, end));
    parent.appendChild(document.createTextNode(start > 0 ? "…" : ""));
    highlight(ix, parent, piece, terms);
    if (end < text.length) parent.appendChild(document.createTextNode("…"));
  }

  function flat(s) { return s.replace(/\s+/g, " "); }

  function kindLabel(ix, token) {
    var f = ix.facets[0];
    return f.tokens.hasOwnProperty(token) ? f.values[f.tokens[token]][1] : token;
  }

  /* The 有效性 of a document not in force, as a labelled badge (its own
     style and wording per status, the same as on every page: catalogue.css), or null. */
  function statusBadge(ix, d) {
    var v = statusOf(ix, d);
    if (!v) return null;
    var badge = el("span", "cat-search-status cat-status cat-status--" + v[0]);
    badge.appendChild(el("span", "cat-search-hidden", "有效性："));
    badge.appendChild(document.createTextNode(v[1]));
    return badge;
  }

  /* 按同义词“出租汽车”找到, when the document holds a term only through a synonym. */
  function synonymNote(result, d, cls) {
    var via = result.via[d];
    if (!via) return null;
    var p = el("p", cls, "按同义词");
    for (var i = 0; i < via.length; i++) p.appendChild(el("mark", "", quote(via[i])));
    p.appendChild(document.createTextNode("找到"));
    return p;
  }

  function resultItem(ix, d, result) {
    var doc = result.docs[d], terms = result.terms, where = result.where[d];
    var li = el("li", "cat-search-result");
    li.setAttribute("data-doc", d);
    var badge = statusBadge(ix, d);
    if (badge) { li.setAttribute("data-status", statusOf(ix, d)[1]); li.appendChild(badge); }
    var a = el("a", "cat-search-result__title");
    a.href = ROOT + pageUrl(doc.u);
    highlight(ix, a, doc.t, terms);
    li.appendChild(a);
    var meta = el("p", "cat-search-result__meta");
    var time = el("time", "", doc.d);
    time.setAttribute("datetime", doc.d);
    meta.appendChild(time);
    meta.appendChild(document.createTextNode(" · "));
    meta.appendChild(el("span", "cat-search-result__kind", kindLabel(ix, doc.k)));
    meta.appendChild(document.createTextNode(" · 索引号 " + doc.n + (doc.o ? " · " + doc.o : "")));
    li.appendChild(meta);
    var note = synonymNote(result, d, "cat-search-result__synonym");
    if (note) li.appendChild(note);
    var p = el("p", "cat-search-result__excerpt");
    excerpt(ix, p, doc, terms, where);
    li.appendChild(p);
    return li;
  }

  function dropdownItem(ix, d, result) {
    var doc = result.docs[d], terms = result.terms, where = result.where[d];
    var li = el("li", "md-search-result__item");
    var a = el("a", "md-search-result__link");
    a.href = ROOT + pageUrl(doc.u);
    a.setAttribute("tabindex", "-1");
    a.setAttribute("data-doc", d);
    var article = el("article", "md-search-result__article md-typeset");
    article.appendChild(el("div", "md-search-result__icon md-icon"));
    // Not a heading: with the box open the page had one top-level heading per result (a review).
    var h = el("p", "cat-search-result__heading");
    var badge = statusBadge(ix, d);
    if (badge) { a.setAttribute("data-status", statusOf(ix, d)[1]); h.appendChild(badge); }
    highlight(ix, h, doc.t, terms);
    article.appendChild(h);
    article.appendChild(el("p", "cat-search-result__meta", doc.d + " · " + kindLabel(ix, doc.k)));
    var note = synonymNote(result, d, "cat-search-result__synonym");
    if (note) article.appendChild(note);
    var p = el("p");
    excerpt(ix, p, doc, terms, where);
    article.appendChild(p);
    a.appendChild(article);
    li.appendChild(a);
    return li;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function quote(q) { return "“" + q + "”"; }

  // -- state and URL -------------------------------------------------------------

  var FILTERS = ["kind", "category", "year", "issuer", "validity", "hide"];  // hide=lapsed: the check box

  function readState(search) {
    var state = { q: "", filters: {}, sort: "", page: 1 }, parts = (search || "").replace(/^\?/, "").split("&");
    for (var i = 0; i < parts.length; i++) {
      if (!parts[i]) continue;
      var kv = parts[i].split("="), key = decode(kv[0]), value = decode(kv.slice(1).join("="));
      if (key === "q") state.q = value;
      else if (key === "sort") state.sort = value === "date" ? "date" : "";
      else if (key === "page") state.page = Math.max(1, parseInt(value, 10) || 1);
      else if (FILTERS.indexOf(key) >= 0 && value) state.filters[key] = value;
    }
    return state;
  }

  function decode(s) {
    try { return decodeURIComponent(s.replace(/\+/g, " ")); } catch (e) { return s; }
  }

  function queryString(state, pageNo) {
    var parts = [];
    if (state.q) parts.push("q=" + encodeURIComponent(state.q));
    for (var i = 0; i < FILTERS.length; i++) {
      var v = state.filters[FILTERS[i]];
      if (v) parts.push(FILTERS[i] + "=" + encodeURIComponent(v));
    }
    if (state.sort) parts.push("sort=" + state.sort);
    if (pageNo > 1) parts.push("page=" + pageNo);
    return parts.length ? "?" + parts.join("&") : "";
  }

  /* Fill ``node`` with "the site was updated" and a link that reloads the page, then ``after``:
     a link, not only words, as many readers do not know how to reload a page on a phone. */
  function sayUpdated(node, after) {
    clear(node);
    node.appendChild(document.createTextNode("网站已更新，本页的搜索已无法使用。"));
    var reload = el("a", "cat-search-reload", "刷新本页");
    reload.href = location.href;
    reload.onclick = function (ev) { ev.preventDefault(); location.reload(); };
    node.appendChild(reload);
    node.appendChild(document.createTextNode(after));
  }

  // -- the results page -------------------------------------------------------------

  var pageState = null, pageRun = 0;

  function setupPage() {
    var nojs = document.getElementById("cat-search-nojs");
    var filters = document.getElementById("cat-search-filters");
    var summary = document.getElementById("cat-search-summary");
    var list = document.getElementById("cat-search-results");
    var pager = document.getElementById("cat-search-pager");
    page.hidden = false;
    if (nojs) nojs.hidden = true;
    pageState = readState(location.search);
    input.value = pageState.q;

    var selects = filters.getElementsByTagName("select");

    function fillFilters(ix, counts) {
      for (var i = 0; i < selects.length; i++) {
        var select = selects[i], name = select.name;
        if (name === "sort") { select.value = pageState.sort; continue; }
        var facet = null;
        for (var j = 0; j < ix.facets.length; j++) if (ix.facets[j].name === name) facet = ix.facets[j];
        if (!facet) continue;
        while (select.options.length > 1) select.remove(1);
        var current = pageState.filters[name] || "";
        var c = counts ? counts[name] : null;
        for (j = 0; j < facet.values.length; j++) {
          var n = c ? c[j] || 0 : null;
          if (c && !n && facet.values[j][0] !== current) continue;
          var option = el("option", "", facet.values[j][1] + (n !== null ? "（" + n + "）" : ""));
          option.value = facet.values[j][0];
          select.appendChild(option);
        }
        if (current && !facet.tokens.hasOwnProperty(current)) {
          var unknown = el("option", "", current + "（0）");
          unknown.value = current;
          select.appendChild(unknown);
        }
        select.value = current;
      }
      var hideBox = filters.querySelector("input[name=hide]");
      if (hideBox) hideBox.checked = pageState.filters.hide === hideBox.value;
    }

    function renderList(ix, result) {
      clear(list);
      for (var i = 0; i < result.shown.length; i++) {
        var d = result.shown[i];
        list.appendChild(resultItem(ix, d, result));
      }
      list.setAttribute("start", (Math.max(1, pageState.page) - 1) * PAGE_SIZE + 1);
    }

    function describe(result) {
      var expanded = false;
      for (var t = 0; t < result.terms.length; t++) if (result.terms[t].alts.length > 1) expanded = true;
      var what = result.terms.length ? "包含" + quote(result.searched) + (expanded ? "或其同义词" : "") + "的" : "";
      // A query of punctuation and spaces only searches nothing: the list is every record, not its hits.
      var note = pageState.q && !result.terms.length ? quote(pageState.q) + "中没有可以搜索的文字（标点和空格不参与搜索）；" : "";
      var cut = result.cut ? "（搜索词较长，只按前 " + result.cut + " 个字搜索）" : "";
      var filtered = false;
      for (var k in pageState.filters) if (pageState.filters[k]) filtered = true;
      if (result.total === null) return result.shown.length ? "正在统计" + what + "结果数量…" : "正在搜索…";
      if (!result.total) return note + "没有找到" + what + (filtered ? "符合筛选条件的" : "") + "公开信息。" + cut;
      var pages = Math.ceil(result.total / PAGE_SIZE);
      return note + (note ? "共 " : "找到 ") + result.total + " 条" + what + (filtered ? "符合筛选条件的" : "") + "公开信息" +
        (pages > 1 ? "，第 " + Math.min(pageState.page, pages) + " / " + pages + " 页" : "") + "。" + cut;
    }

    function renderPager(result) {
      clear(pager);
      if (result.total === null) return;
      var pages = Math.ceil(result.total / PAGE_SIZE), current = pageState.page;
      if (pages <= 1) return;
      var link = function (n, text, rel) {
        var a = el("a", "", text);
        a.href = location.pathname + queryString(pageState, n);
        if (rel) a.rel = rel;
        a.onclick = function (ev) { ev.preventDefault(); pageState.page = n; go(true); };
        pager.appendChild(a);
      };
      if (current > 1) link(current - 1, "上一页", "prev");
      for (var n = 1; n <= pages; n++) {
        if (n === current) {
          var span = el("span", "", String(n));
          span.setAttribute("aria-current", "page");
          pager.appendChild(span);
        } else if (n <= 2 || n > pages - 2 || Math.abs(n - current) <= 2) link(n, String(n));
        else if (n === 3 || n === pages - 2) pager.appendChild(el("span", "", "…"));
      }
      if (current < pages) link(current + 1, "下一页", "next");
    }

    function run() {
      var mine = ++pageRun;
      unfailed();
      summary.textContent = "正在搜索…";
      page.setAttribute("aria-busy", "true");
      page.setAttribute("data-state", "loading");
      page.removeAttribute("data-total");
      withIndex(function (error, ix) {
        if (mine !== pageRun) return;
        if (error) return failed(error);
        fillFilters(ix, null);
        search(ix, pageState, PAGE_SIZE, function (result) {
          if (mine !== pageRun) return;
          renderList(ix, result);
          summary.textContent = describe(result);
          page.setAttribute("data-state", "first");
        }, function (result) {
          if (mine !== pageRun) return;
          var pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
          if (pageState.page > pages) { pageState.page = pages; return go(false); }
          renderList(ix, result);
          summary.textContent = describe(result);
          fillFilters(ix, result.counts);
          renderPager(result);
          page.removeAttribute("aria-busy");
          page.setAttribute("data-total", result.total);
          page.setAttribute("data-state", "done");
        }, function (error) {
          if (mine === pageRun) failed(error);  // a later search's page is not this one's to undo
        });
      });
    }

    /* The index cannot be read: the message first (on a phone, above the fold), then the browse
       lists, without the filters (nothing to filter) and without the no-JavaScript explanation
       (JavaScript runs). */
    function failed(error) {
      // Focus in what is about to be hidden or emptied (a filter just changed, a pager link) goes to
      // the message, not back to the top of the document.
      var focused = document.activeElement;
      var lost = focused && (filters.contains(focused) || list.contains(focused) || pager.contains(focused));
      if (error.message === UPDATED) sayUpdated(summary, "后即可搜索，或按栏目浏览。");
      else summary.textContent = "搜索暂时无法使用（" + error.message + "）。请稍后再试，或按栏目浏览。";
      page.removeAttribute("aria-busy");
      page.setAttribute("data-state", "error");
      clear(list);
      clear(pager);
      filters.hidden = true;
      if (lost) {
        var reload = summary.getElementsByTagName("a")[0];
        if (!reload) summary.setAttribute("tabindex", "-1");
        (reload || summary).focus();
      }
      if (nojs) {
        summary.parentNode.insertBefore(nojs, summary.nextSibling);
        var why = document.getElementById("cat-search-nojs-why");
        var browse = document.getElementById("cat-search-nojs-browse");
        if (why && browse) { why.hidden = true; browse.hidden = false; }
        nojs.hidden = false;
      }
    }

    /* A new search after a failure (another query, the browser's back button) starts afresh. */
    function unfailed() {
      filters.hidden = false;
      if (nojs) nojs.hidden = true;
    }

    /* Show pageState: push a history entry (or replace the current one) and search. */
    function go(push) {
      var url = location.pathname + queryString(pageState, pageState.page);
      if (window.history && history.pushState) {
        if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
      }
      input.value = pageState.q;
      run();
    }

    filters.onchange = function (ev) {
      var target = ev.target || ev.srcElement;
      if (target.name === "sort") pageState.sort = target.value;
      else if (target.type === "checkbox") pageState.filters[target.name] = target.checked ? target.value : "";
      else pageState.filters[target.name] = target.value;
      pageState.page = 1;
      go(true);
    };
    filters.onreset = function (ev) {
      ev.preventDefault();
      pageState.filters = {};
      pageState.sort = "";
      pageState.page = 1;
      go(true);
    };
    filters.onsubmit = function (ev) { ev.preventDefault(); };
    window.onpopstate = function () {
      pageState = readState(location.search);
      input.value = pageState.q;
      run();
    };
    setupPage.submit = function (q) {
      pageState.q = q;
      pageState.page = 1;
      go(true);
    };
    run();
  }

  // -- the header box and its drop-down ------------------------------------------

  var dropRun = 0, timer = null, active = -1;

  function openBox(open) {
    if (toggle && toggle.checked !== open) toggle.checked = open;
  }

  function showDropdown() {
    var q = input.value, mine = ++dropRun;
    dropdown.removeAttribute("data-state");
    dropdown.removeAttribute("data-total");
    var meta = dropdown.querySelector(".md-search-result__meta");
    var list = dropdown.querySelector(".md-search-result__list");
    active = -1;
    if (!q.replace(SPACE, "")) {
      clear(list);
      meta.textContent = "键入以开始搜索";
      return;
    }
    meta.textContent = "正在搜索…";
    function failed(error) {
      if (mine !== dropRun) return;
      clear(list);
      if (error && error.message === UPDATED) sayUpdated(meta, "后即可搜索。");
      else meta.textContent = "搜索暂时无法使用。";
      dropdown.setAttribute("data-state", "error");
    }
    withIndex(function (error, ix) {
      if (mine !== dropRun) return;
      if (error) return failed(error);
      search(ix, { q: q, filters: {}, sort: "", page: 1, firstOnly: true }, DROPDOWN_SIZE, function (result) {
        if (mine !== dropRun) return;
        clear(list);
        clear(meta);
        if (!result.terms.length) {
          meta.textContent = quote(q) + "中没有可以搜索的文字";  // punctuation and spaces only: no list of every record
          dropdown.setAttribute("data-query", q);
          dropdown.setAttribute("data-state", "first");
          return;
        }
        if (!result.shown.length && !result.partial) {
          meta.textContent = "没有找到包含" + quote(result.searched) + "的公开信息";
        } else {
          var all = el("a", "cat-search-all", result.total === null
            ? "查看全部结果，按类型、年度等筛选 ›" : "共 " + result.total + " 条，查看全部并筛选 ›");
          all.href = ROOT + pageUrl("search/") + queryString({ q: q, filters: {}, sort: "" }, 1);
          meta.appendChild(all);
        }
        for (var i = 0; i < result.shown.length; i++) {
          var d = result.shown[i];
          list.appendChild(dropdownItem(ix, d, result));
        }
        dropdown.setAttribute("data-query", q);
        // "partial": the first results are on screen and more are read (tests wait for the whole list).
        dropdown.setAttribute("data-state", result.partial ? "partial" : "first");
      }, function (result) {
        if (mine !== dropRun) return;
        if (!result.terms.length) return dropdown.setAttribute("data-state", "done");
        if (!result.shown.length) meta.textContent = "没有找到包含" + quote(result.searched) + "的公开信息";
        else {
          var all = meta.querySelector("a");
          if (all) all.textContent = "共 " + result.total + " 条，查看全部并筛选 ›";
        }
        dropdown.setAttribute("data-total", result.total);
        dropdown.setAttribute("data-state", "done");
      }, failed);
    });
  }

  function moveFocus(step) {
    var links = dropdown.querySelectorAll(".md-search-result__link");
    if (!links.length) return;
    active = Math.max(-1, Math.min(links.length - 1, active + step));
    if (active < 0) input.focus(); else links[active].focus();
  }

  input.addEventListener("focus", function () {
    openBox(true);
    withIndex(function () {});  // start loading the index while the reader types
  });
  input.addEventListener("input", function () {
    openBox(true);
    if (timer) clearTimeout(timer);
    timer = setTimeout(showDropdown, 120);
  });
  form.addEventListener("submit", function (ev) {
    var q = input.value;
    if (page && setupPage.submit) {
      ev.preventDefault();
      openBox(false);
      input.blur();
      setupPage.submit(q);
    }
  });
  form.addEventListener("reset", function () {
    setTimeout(function () { input.focus(); showDropdown(); }, 0);
  });
  // The box closes when the focus moves on past it (left open it hid the focus); no single-key shortcut
  // opens it (WCAG 2.1.4).
  var box = input.closest ? input.closest(".md-search") : null;
  if (box) box.addEventListener("focusout", function (ev) {
    var to = ev.relatedTarget;
    // not when it goes nowhere (a phone's keyboard dismissed)
    if (!to || box.contains(to)) return;
    setTimeout(function () {
      if (!box.contains(document.activeElement)) openBox(false);
    }, 0);
  });
  document.addEventListener("keydown", function (ev) {
    var inBox = ev.target === input || (dropdown && dropdown.contains(ev.target));
    if (ev.key === "Escape" || ev.key === "Esc") {
      if (toggle && toggle.checked) { openBox(false); input.blur(); }
    } else if (inBox && (ev.key === "ArrowDown" || ev.key === "Down")) {
      ev.preventDefault(); moveFocus(1);
    } else if (inBox && (ev.key === "ArrowUp" || ev.key === "Up")) {
      ev.preventDefault(); moveFocus(-1);
    }
  });

  if (page) setupPage();
})();
