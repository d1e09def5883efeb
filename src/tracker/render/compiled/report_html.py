# The template report.html.j2 compiled by Jinja 3.1.6: written by
# `python -m tracker.render.precompiled`, never by hand.
# mypy: ignore-errors
SOURCE_SHA256 = 'a84696b30560514ed28135817223613c18633d908cebeaedb9f4e097880c4a2b'
JINJA_VERSION = '3.1.6'
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'report.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_style_hash = resolve('style_hash')
    l_0_v = resolve('v')
    l_0_css = resolve('css')
    l_0_trend = resolve('trend')
    l_0_assessed = resolve('assessed')
    l_0_badges = resolve('badges')
    l_0_parties = resolve('parties')
    l_0_counts_text = l_0_stacked = l_0_bar_chart = l_0_open = missing
    try:
        t_1 = environment.filters['int']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'int' found.")
    try:
        t_2 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    try:
        t_3 = environment.filters['list']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'list' found.")
    try:
        t_4 = environment.filters['selectattr']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'selectattr' found.")
    try:
        t_5 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    yield '<!DOCTYPE html>'
    def macro(l_1_bar):
        t_6 = []
        if l_1_bar is missing:
            l_1_bar = undefined("parameter 'bar' was not provided", name='bar')
        pass
        l_2_loop = missing
        for l_2_s, l_2_loop in LoopContext((l_1_bar).segments, undefined):
            _loop_vars = {}
            pass
            t_6.extend((
                (escape_text(_v) if type(_v := (l_2_s).number) is str else _v if type(_v) is Markup else escape(_v)),
                ' ',
                (escape_text(_v) if type(_v := (l_2_s).status) is str else _v if type(_v) is Markup else escape(_v)),
            ))
            if (not (l_2_loop).last):
                pass
                t_6.append(
                    ', ',
                )
        l_2_loop = l_2_s = missing
        if (not (l_1_bar).segments):
            pass
            t_6.append(
                'none',
            )
        return concat(t_6)
    context.exported_vars.add('counts_text')
    context.vars['counts_text'] = l_0_counts_text = Macro(environment, macro, 'counts_text', ('bar',), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_bar):
        t_7 = []
        if l_1_bar is missing:
            l_1_bar = undefined("parameter 'bar' was not provided", name='bar')
        pass
        t_7.extend((
            '<svg viewBox="0 0 1000 20" preserveAspectRatio="none" role="img" aria-label="',
            (escape_text(_v) if type(_v := (l_1_bar).label) is str else _v if type(_v) is Markup else escape(_v)),
            ': ',
            (escape_text(_v) if type(_v := context.call((undefined(name='counts_text') if l_0_counts_text is missing else l_0_counts_text), l_1_bar)) is str else _v if type(_v) is Markup else escape(_v)),
            '">\n<title>',
            (escape_text(_v) if type(_v := (l_1_bar).label) is str else _v if type(_v) is Markup else escape(_v)),
            ': ',
            (escape_text(_v) if type(_v := context.call((undefined(name='counts_text') if l_0_counts_text is missing else l_0_counts_text), l_1_bar)) is str else _v if type(_v) is Markup else escape(_v)),
            '</title>',
        ))
        if (l_1_bar).segments:
            pass
            for l_2_s in (l_1_bar).segments:
                _loop_vars = {}
                pass
                t_7.extend((
                    '\n<rect x="',
                    (escape_text(_v) if type(_v := ('%.2f' % ((l_2_s).start * 1000))) is str else _v if type(_v) is Markup else escape(_v)),
                    '" y="0" width="',
                    (escape_text(_v) if type(_v := ('%.2f' % ((l_2_s).share * 1000))) is str else _v if type(_v) is Markup else escape(_v)),
                    '" height="20" fill="',
                    (escape_text(_v) if type(_v := (l_2_s).colour) is str else _v if type(_v) is Markup else escape(_v)),
                    '"><title>',
                    (escape_text(_v) if type(_v := (l_2_s).status) is str else _v if type(_v) is Markup else escape(_v)),
                    ': ',
                    (escape_text(_v) if type(_v := (l_2_s).number) is str else _v if type(_v) is Markup else escape(_v)),
                    ' of ',
                    (escape_text(_v) if type(_v := (l_1_bar).total) is str else _v if type(_v) is Markup else escape(_v)),
                    '</title></rect>',
                ))
            l_2_s = missing
        else:
            pass
            t_7.append(
                '\n<rect x="0.5" y="0.5" width="999" height="19" fill="#ffffff" stroke="#767676" stroke-dasharray="6 4"/>',
            )
        t_7.append(
            '\n</svg>',
        )
        return concat(t_7)
    context.exported_vars.add('stacked')
    context.vars['stacked'] = l_0_stacked = Macro(environment, macro, 'stacked', ('bar',), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_id, l_1_caption, l_1_bars, l_1_label):
        t_8 = []
        if l_1_id is missing:
            l_1_id = undefined("parameter 'id' was not provided", name='id')
        if l_1_caption is missing:
            l_1_caption = undefined("parameter 'caption' was not provided", name='caption')
        if l_1_bars is missing:
            l_1_bars = undefined("parameter 'bars' was not provided", name='bars')
        if l_1_label is missing:
            l_1_label = undefined("parameter 'label' was not provided", name='label')
        pass
        t_8.extend((
            '<figure class="chart" id="',
            (escape_text(_v) if type(_v := l_1_id) is str else _v if type(_v) is Markup else escape(_v)),
            '">\n<figcaption>',
            (escape_text(_v) if type(_v := l_1_caption) is str else _v if type(_v) is Markup else escape(_v)),
            '</figcaption>\n<ul class="bars">',
        ))
        for l_2_b in l_1_bars:
            _loop_vars = {}
            pass
            t_8.extend((
                '\n<li><span class="label">',
                (escape_text(_v) if type(_v := (l_2_b).label) is str else _v if type(_v) is Markup else escape(_v)),
                '</span>',
                (escape_text(_v) if type(_v := context.call((undefined(name='stacked') if l_0_stacked is missing else l_0_stacked), l_2_b, _loop_vars=_loop_vars)) is str else _v if type(_v) is Markup else escape(_v)),
                '<span class="figure" title="compliance">',
                (escape_text(_v) if type(_v := (l_2_b).compliance) is str else _v if type(_v) is Markup else escape(_v)),
                '</span></li>',
            ))
        l_2_b = missing
        t_8.extend((
            '\n</ul>\n<div class="table">\n<table class="numbers">\n<caption>',
            (escape_text(_v) if type(_v := l_1_caption) is str else _v if type(_v) is Markup else escape(_v)),
            ': the numbers</caption>\n<thead><tr><th scope="col">',
            (escape_text(_v) if type(_v := l_1_label) is str else _v if type(_v) is Markup else escape(_v)),
            '</th><th scope="col" class="num total">Total</th><th scope="col">Statuses</th><th scope="col" class="num">Progress</th><th scope="col" class="num score">Score</th><th scope="col" class="num">Compliance</th></tr></thead>\n<tbody>',
        ))
        for l_2_b in l_1_bars:
            _loop_vars = {}
            pass
            t_8.extend((
                '\n<tr><th scope="row">',
                (escape_text(_v) if type(_v := (l_2_b).label) is str else _v if type(_v) is Markup else escape(_v)),
                '</th><td class="num total">',
                (escape_text(_v) if type(_v := (l_2_b).total) is str else _v if type(_v) is Markup else escape(_v)),
                '</td><td>',
                (escape_text(_v) if type(_v := context.call((undefined(name='counts_text') if l_0_counts_text is missing else l_0_counts_text), l_2_b, _loop_vars=_loop_vars)) is str else _v if type(_v) is Markup else escape(_v)),
                '</td><td class="num">',
                (escape_text(_v) if type(_v := (l_2_b).progress) is str else _v if type(_v) is Markup else escape(_v)),
                '</td><td class="num score">',
                (escape_text(_v) if type(_v := (l_2_b).score) is str else _v if type(_v) is Markup else escape(_v)),
                '</td><td class="num">',
                (escape_text(_v) if type(_v := (l_2_b).compliance) is str else _v if type(_v) is Markup else escape(_v)),
                '</td></tr>',
            ))
        l_2_b = missing
        t_8.append(
            '\n</tbody>\n</table>\n</div>\n</figure>',
        )
        return concat(t_8)
    context.exported_vars.add('bar_chart')
    context.vars['bar_chart'] = l_0_bar_chart = Macro(environment, macro, 'bar_chart', ('id', 'caption', 'bars', 'label'), False, False, False, context.eval_ctx.autoescape)
    yield ''.join([
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'',
        (escape_text(_v) if type(_v := (undefined(name='style_hash') if l_0_style_hash is missing else l_0_style_hash)) is str else _v if type(_v) is Markup else escape(_v)),
        '\'; img-src \'none\'; base-uri \'none\'; form-action \'none\'">\n<meta name="referrer" content="no-referrer">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="generator" content="tracker ',
        (escape_text(_v) if type(_v := ((undefined(name='v') if l_0_v is missing else l_0_v)).version) is str else _v if type(_v) is Markup else escape(_v)),
        '">\n<title>',
        (escape_text(_v) if type(_v := ((undefined(name='v') if l_0_v is missing else l_0_v)).title) is str else _v if type(_v) is Markup else escape(_v)),
        ': status report as of ',
        (escape_text(_v) if type(_v := ((undefined(name='v') if l_0_v is missing else l_0_v)).as_of) is str else _v if type(_v) is Markup else escape(_v)),
        '</title>\n<style>',
        (escape_text(_v) if type(_v := (undefined(name='css') if l_0_css is missing else l_0_css)) is str else _v if type(_v) is Markup else escape(_v)),
        '</style>\n</head>\n<body>\n<header id="top">\n<p class="kicker">Status report</p>\n<h1>',
        (escape_text(_v) if type(_v := ((undefined(name='v') if l_0_v is missing else l_0_v)).title) is str else _v if type(_v) is Markup else escape(_v)),
        '</h1>\n<p class="scope">As of <strong>',
        (escape_text(_v) if type(_v := ((undefined(name='v') if l_0_v is missing else l_0_v)).as_of) is str else _v if type(_v) is Markup else escape(_v)),
        '</strong>; ',
        (escape_text(_v) if type(_v := ((undefined(name='v') if l_0_v is missing else l_0_v)).scope) is str else _v if type(_v) is Markup else escape(_v)),
        '.</p>',
        *((
            '\n<p class="note">Note: ',
            (escape_text(_v) if type(_v := ((undefined(name='v') if l_0_v is missing else l_0_v)).note) is str else _v if type(_v) is Markup else escape(_v)),
            '.</p>',
        ) if ((undefined(name='v') if l_0_v is missing else l_0_v)).note else (
        )),
        '\n<ul class="figures" id="headline">',
    ])
    for l_1_f in ((undefined(name='v') if l_0_v is missing else l_0_v)).figures:
        _loop_vars = {}
        pass
        yield ''.join((
            '\n<li><span class="label">',
            (escape_text(_v) if type(_v := (l_1_f).label) is str else _v if type(_v) is Markup else escape(_v)),
            '</span><span class="value">',
            (escape_text(_v) if type(_v := (l_1_f).value) is str else _v if type(_v) is Markup else escape(_v)),
            '</span><span class="detail">',
            (escape_text(_v) if type(_v := (l_1_f).detail) is str else _v if type(_v) is Markup else escape(_v)),
            '</span></li>',
        ))
    l_1_f = missing
    yield ''.join([
        '\n</ul>\n<nav aria-label="Contents"><ol>\n<li><a href="#charts">Charts</a></li>',
        ('<li><a href="#changes">Changes</a></li>' if (not t_5(((undefined(name='v') if l_0_v is missing else l_0_v)).changes)) else ''),
        '\n<li><a href="#overdue">Overdue</a></li>\n<li><a href="#commitments">Commitments</a></li>\n<li><a href="#method">Method</a></li>\n</ol></nav>\n</header>\n<main>\n<section id="charts" aria-labelledby="charts-title">\n<h2 id="charts-title">Where the commitments stand</h2>\n<ul class="legend" aria-label="Status colours">',
    ])
    for l_1_s in ((undefined(name='v') if l_0_v is missing else l_0_v)).swatches:
        _loop_vars = {}
        pass
        yield ''.join((
            '<li><span class="badge r',
            (escape_text(_v) if type(_v := ((l_1_s).rank % 8)) is str else _v if type(_v) is Markup else escape(_v)),
            '">',
            (escape_text(_v) if type(_v := (l_1_s).name) is str else _v if type(_v) is Markup else escape(_v)),
            '</span></li>',
        ))
    l_1_s = missing
    yield ''.join((
        '\n</ul>\n',
        (escape_text(_v) if type(_v := context.call((undefined(name='bar_chart') if l_0_bar_chart is missing else l_0_bar_chart), 'chart-parties', 'Statuses by party', ((undefined(name='v') if l_0_v is missing else l_0_v)).parties, 'Party')) is str else _v if type(_v) is Markup else escape(_v)),
        '\n',
        (escape_text(_v) if type(_v := context.call((undefined(name='bar_chart') if l_0_bar_chart is missing else l_0_bar_chart), 'chart-categories', 'Statuses by category', ((undefined(name='v') if l_0_v is missing else l_0_v)).categories, 'Category')) is str else _v if type(_v) is Markup else escape(_v)),
        '\n<figure class="chart" id="chart-timeline">\n<figcaption>Commitments per status and compliance at each quarter end</figcaption>',
    ))
    if (undefined(name='trend') if l_0_trend is missing else l_0_trend):
        pass
        yield ''.join((
            '\n<div class="trends">\n<svg class="trend" viewBox="0 0 400 170" role="img" aria-labelledby="counts-title counts-desc">\n<title id="counts-title">Commitments per status at each quarter end, ',
            (escape_text(_v) if type(_v := ((undefined(name='trend') if l_0_trend is missing else l_0_trend)).first) is str else _v if type(_v) is Markup else escape(_v)),
            ' to ',
            (escape_text(_v) if type(_v := ((undefined(name='trend') if l_0_trend is missing else l_0_trend)).last) is str else _v if type(_v) is Markup else escape(_v)),
            '</title>\n<desc id="counts-desc">',
        ))
        l_1_loop = missing
        for l_1_p, l_1_loop in LoopContext(((undefined(name='v') if l_0_v is missing else l_0_v)).timeline, undefined):
            _loop_vars = {}
            pass
            yield ''.join([
                (escape_text(_v) if type(_v := (l_1_p).key) is str else _v if type(_v) is Markup else escape(_v)),
                ': ',
                (escape_text(_v) if type(_v := context.call((undefined(name='counts_text') if l_0_counts_text is missing else l_0_counts_text), l_1_p, _loop_vars=_loop_vars)) is str else _v if type(_v) is Markup else escape(_v)),
                ('; ' if (not (l_1_loop).last) else ''),
            ])
        l_1_loop = l_1_p = missing
        yield ''.join((
            '</desc>\n<text class="axis-title" x="0" y="11">Commitments per status</text>\n<line x1="44" x2="392" y1="140" y2="140" stroke="#767676" stroke-width="1"/>\n<line x1="44" x2="392" y1="20" y2="20" stroke="#c8c8c8" stroke-width="1"/>\n<text x="38" y="144" text-anchor="end">0</text>\n<text x="38" y="24" text-anchor="end">',
            (escape_text(_v) if type(_v := ((undefined(name='trend') if l_0_trend is missing else l_0_trend)).top) is str else _v if type(_v) is Markup else escape(_v)),
            '</text>',
        ))
        for l_1_b in ((undefined(name='trend') if l_0_trend is missing else l_0_trend)).blocks:
            _loop_vars = {}
            pass
            yield ''.join((
                '\n<rect x="',
                (escape_text(_v) if type(_v := ('%.2f' % (l_1_b).x)) is str else _v if type(_v) is Markup else escape(_v)),
                '" y="',
                (escape_text(_v) if type(_v := ('%.2f' % (l_1_b).y)) is str else _v if type(_v) is Markup else escape(_v)),
                '" width="',
                (escape_text(_v) if type(_v := ('%.2f' % (l_1_b).width)) is str else _v if type(_v) is Markup else escape(_v)),
                '" height="',
                (escape_text(_v) if type(_v := ('%.2f' % (l_1_b).height)) is str else _v if type(_v) is Markup else escape(_v)),
                '" fill="',
                (escape_text(_v) if type(_v := (l_1_b).colour) is str else _v if type(_v) is Markup else escape(_v)),
                '"><title>',
                (escape_text(_v) if type(_v := (l_1_b).title) is str else _v if type(_v) is Markup else escape(_v)),
                '</title></rect>',
            ))
        l_1_b = missing
        yield ''.join((
            '\n<text x="44" y="162">',
            (escape_text(_v) if type(_v := ((undefined(name='trend') if l_0_trend is missing else l_0_trend)).first) is str else _v if type(_v) is Markup else escape(_v)),
            '</text>\n<text x="392" y="162" text-anchor="end">',
            (escape_text(_v) if type(_v := ((undefined(name='trend') if l_0_trend is missing else l_0_trend)).last) is str else _v if type(_v) is Markup else escape(_v)),
            '</text>\n</svg>\n<svg class="trend" viewBox="0 0 400 170" role="img" aria-labelledby="trend-title trend-desc">\n<title id="trend-title">Compliance at each quarter end, ',
            (escape_text(_v) if type(_v := ((undefined(name='trend') if l_0_trend is missing else l_0_trend)).first) is str else _v if type(_v) is Markup else escape(_v)),
            ' to ',
            (escape_text(_v) if type(_v := ((undefined(name='trend') if l_0_trend is missing else l_0_trend)).last) is str else _v if type(_v) is Markup else escape(_v)),
            '</title>\n<desc id="trend-desc">',
        ))
        l_1_loop = missing
        for l_1_p, l_1_loop in LoopContext(((undefined(name='v') if l_0_v is missing else l_0_v)).timeline, undefined):
            _loop_vars = {}
            pass
            yield ''.join([
                (escape_text(_v) if type(_v := (l_1_p).key) is str else _v if type(_v) is Markup else escape(_v)),
                ': ',
                (escape_text(_v) if type(_v := (l_1_p).compliance) is str else _v if type(_v) is Markup else escape(_v)),
                ('; ' if (not (l_1_loop).last) else ''),
            ])
        l_1_loop = l_1_p = missing
        yield '</desc>\n<text class="axis-title" x="0" y="11">Compliance</text>'
        for l_1_tick in (0, 50, 100):
            _loop_vars = {}
            pass
            yield ''.join((
                '\n<line x1="44" x2="392" y1="',
                (escape_text(_v) if type(_v := (140 - (l_1_tick * 1.2))) is str else _v if type(_v) is Markup else escape(_v)),
                '" y2="',
                (escape_text(_v) if type(_v := (140 - (l_1_tick * 1.2))) is str else _v if type(_v) is Markup else escape(_v)),
                '" stroke="',
                (escape_text(_v) if type(_v := ('#767676' if (l_1_tick == 0) else '#c8c8c8')) is str else _v if type(_v) is Markup else escape(_v)),
                '" stroke-width="1"/>\n<text x="38" y="',
                (escape_text(_v) if type(_v := (144 - (l_1_tick * 1.2))) is str else _v if type(_v) is Markup else escape(_v)),
                '" text-anchor="end">',
                (escape_text(_v) if type(_v := l_1_tick) is str else _v if type(_v) is Markup else escape(_v)),
                '%</text>',
            ))
        l_1_tick = missing
        yield '\n<polyline fill="none" stroke="#0072b2" stroke-width="2.5" points="'
        for (l_1_x, l_1_y, l_1_t) in ((undefined(name='trend') if l_0_trend is missing else l_0_trend)).points:
            _loop_vars = {}
            pass
            yield ''.join((
                (escape_text(_v) if type(_v := ('%.1f,%.1f' % (l_1_x, l_1_y))) is str else _v if type(_v) is Markup else escape(_v)),
                ' ',
            ))
        l_1_x = l_1_y = l_1_t = missing
        yield '"/>'
        for (l_1_x, l_1_y, l_1_t) in ((undefined(name='trend') if l_0_trend is missing else l_0_trend)).points:
            _loop_vars = {}
            pass
            yield ''.join((
                '\n<circle cx="',
                (escape_text(_v) if type(_v := ('%.1f' % l_1_x)) is str else _v if type(_v) is Markup else escape(_v)),
                '" cy="',
                (escape_text(_v) if type(_v := ('%.1f' % l_1_y)) is str else _v if type(_v) is Markup else escape(_v)),
                '" r="3.5" fill="#0072b2"><title>',
                (escape_text(_v) if type(_v := l_1_t) is str else _v if type(_v) is Markup else escape(_v)),
                '</title></circle>',
            ))
        l_1_x = l_1_y = l_1_t = missing
        yield ''.join((
            '\n<text x="44" y="162">',
            (escape_text(_v) if type(_v := ((undefined(name='trend') if l_0_trend is missing else l_0_trend)).first) is str else _v if type(_v) is Markup else escape(_v)),
            '</text>\n<text x="392" y="162" text-anchor="end">',
            (escape_text(_v) if type(_v := ((undefined(name='trend') if l_0_trend is missing else l_0_trend)).last) is str else _v if type(_v) is Markup else escape(_v)),
            '</text>\n</svg>\n</div>',
        ))
    yield '\n<div class="table">\n<table class="numbers">\n<caption>Status counts and compliance at each quarter end: the numbers</caption>\n<thead><tr><th scope="col">Date</th><th scope="col" class="num total">Total</th><th scope="col">Statuses</th><th scope="col" class="num">Progress</th><th scope="col" class="num score">Score</th><th scope="col" class="num">Compliance</th></tr></thead>\n<tbody>'
    for l_1_b in ((undefined(name='v') if l_0_v is missing else l_0_v)).timeline:
        _loop_vars = {}
        pass
        yield ''.join((
            '\n<tr><th scope="row" class="date">',
            (escape_text(_v) if type(_v := (l_1_b).label) is str else _v if type(_v) is Markup else escape(_v)),
            '</th><td class="num total">',
            (escape_text(_v) if type(_v := (l_1_b).total) is str else _v if type(_v) is Markup else escape(_v)),
            '</td><td>',
            (escape_text(_v) if type(_v := context.call((undefined(name='counts_text') if l_0_counts_text is missing else l_0_counts_text), l_1_b, _loop_vars=_loop_vars)) is str else _v if type(_v) is Markup else escape(_v)),
            '</td><td class="num">',
            (escape_text(_v) if type(_v := (l_1_b).progress) is str else _v if type(_v) is Markup else escape(_v)),
            '</td><td class="num score">',
            (escape_text(_v) if type(_v := (l_1_b).score) is str else _v if type(_v) is Markup else escape(_v)),
            '</td><td class="num">',
            (escape_text(_v) if type(_v := (l_1_b).compliance) is str else _v if type(_v) is Markup else escape(_v)),
            '</td></tr>',
        ))
    l_1_b = missing
    yield '\n</tbody>\n</table>\n</div>\n</figure>\n</section>'
    if (not t_5(((undefined(name='v') if l_0_v is missing else l_0_v)).changes)):
        pass
        yield ''.join((
            '\n<section id="changes" aria-labelledby="changes-title">\n<h2 id="changes-title">Changes from ',
            (escape_text(_v) if type(_v := ((undefined(name='v') if l_0_v is missing else l_0_v)).since) is str else _v if type(_v) is Markup else escape(_v)),
            ' to ',
            (escape_text(_v) if type(_v := ((undefined(name='v') if l_0_v is missing else l_0_v)).as_of) is str else _v if type(_v) is Markup else escape(_v)),
            '</h2>',
        ))
        if ((undefined(name='v') if l_0_v is missing else l_0_v)).changes:
            pass
            l_0_assessed = (t_2(t_3(context.eval_ctx, t_4(context, ((undefined(name='v') if l_0_v is missing else l_0_v)).changes, 'by'))) > 0)
            context.vars['assessed'] = l_0_assessed
            context.exported_vars.add('assessed')
            yield ''.join([
                '\n<div class="table">\n<table class="stack">\n<thead><tr><th scope="col">Date</th><th scope="col">Commitment</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Note</th>',
                ('<th scope="col">By</th>' if (undefined(name='assessed') if l_0_assessed is missing else l_0_assessed) else ''),
                '<th scope="col">Evidence</th></tr></thead>\n<tbody>',
            ])
            for l_1_c in ((undefined(name='v') if l_0_v is missing else l_0_v)).changes:
                _loop_vars = {}
                pass
                yield ''.join([
                    '\n<tr><td class="date" data-label="Date">',
                    (escape_text(_v) if type(_v := (l_1_c).date) is str else _v if type(_v) is Markup else escape(_v)),
                    '</td><td data-label="Commitment"><a href="#',
                    (escape_text(_v) if type(_v := (l_1_c).anchor) is str else _v if type(_v) is Markup else escape(_v)),
                    '">',
                    (escape_text(_v) if type(_v := (l_1_c).title) is str else _v if type(_v) is Markup else escape(_v)),
                    '</a> <span class="id">',
                    (escape_text(_v) if type(_v := (l_1_c).id) is str else _v if type(_v) is Markup else escape(_v)),
                    '</span></td><td data-label="From"><span class="badge r',
                    (escape_text(_v) if type(_v := ((l_1_c).before_rank % 8)) is str else _v if type(_v) is Markup else escape(_v)),
                    '">',
                    (escape_text(_v) if type(_v := (l_1_c).before) is str else _v if type(_v) is Markup else escape(_v)),
                    '</span></td><td data-label="To"><span class="badge r',
                    (escape_text(_v) if type(_v := ((l_1_c).after_rank % 8)) is str else _v if type(_v) is Markup else escape(_v)),
                    '">',
                    (escape_text(_v) if type(_v := (l_1_c).after) is str else _v if type(_v) is Markup else escape(_v)),
                    '</span>',
                    *((
                        '<span class="named"> (',
                        (escape_text(_v) if type(_v := (l_1_c).parties) is str else _v if type(_v) is Markup else escape(_v)),
                        ')</span>',
                    ) if (l_1_c).parties else (
                    )),
                    '</td><td data-label="Note">',
                    (escape_text(_v) if type(_v := (l_1_c).note) is str else _v if type(_v) is Markup else escape(_v)),
                    '</td>',
                    *((
                        '<td data-label="By">',
                        (escape_text(_v) if type(_v := ((l_1_c).by or '-')) is str else _v if type(_v) is Markup else escape(_v)),
                        '</td>',
                    ) if (undefined(name='assessed') if l_0_assessed is missing else l_0_assessed) else (
                    )),
                    '<td data-label="Evidence">',
                    *((
                        '<ul class="evidence">',
                        ''.join([''.join([
                            '<li>',
                            *((
                                '<a href="',
                                (escape_text(_v) if type(_v := (l_2_link).url) is str else _v if type(_v) is Markup else escape(_v)),
                                '" rel="noopener noreferrer">',
                                (escape_text(_v) if type(_v := (l_2_link).text) is str else _v if type(_v) is Markup else escape(_v)),
                                '</a>',
                            ) if (l_2_link).url else (
                                (escape_text(_v) if type(_v := (l_2_link).text) is str else _v if type(_v) is Markup else escape(_v)),
                            )),
                            '</li>',
                        ]) for l_2_link in (l_1_c).evidence]),
                        '</ul>',
                    ) if (l_1_c).evidence else (
                        'none',
                    )),
                    '</td></tr>',
                ])
            l_1_c = missing
            yield '\n</tbody>\n</table>\n</div>'
        else:
            pass
            yield '\n<p>No status changed.</p>'
        yield '\n</section>'
    yield '\n<section id="overdue" aria-labelledby="overdue-title">\n<h2 id="overdue-title">Overdue</h2>'
    if ((undefined(name='v') if l_0_v is missing else l_0_v)).overdue:
        pass
        yield '\n<div class="table">\n<table class="stack">\n<thead><tr><th scope="col">Commitment</th><th scope="col">Status</th><th scope="col">Due</th><th scope="col" class="num">Days overdue</th></tr></thead>\n<tbody>'
        for l_1_o in ((undefined(name='v') if l_0_v is missing else l_0_v)).overdue:
            _loop_vars = {}
            pass
            yield ''.join([
                '\n<tr><td data-label="Commitment"><a href="#',
                (escape_text(_v) if type(_v := (l_1_o).anchor) is str else _v if type(_v) is Markup else escape(_v)),
                '">',
                (escape_text(_v) if type(_v := (l_1_o).title) is str else _v if type(_v) is Markup else escape(_v)),
                '</a> <span class="id">',
                (escape_text(_v) if type(_v := (l_1_o).id) is str else _v if type(_v) is Markup else escape(_v)),
                '</span></td><td data-label="Status"><span class="badge r',
                (escape_text(_v) if type(_v := ((l_1_o).rank % 8)) is str else _v if type(_v) is Markup else escape(_v)),
                (' label' if (' ' in (l_1_o).status) else ''),
                '">',
                (escape_text(_v) if type(_v := (l_1_o).status) is str else _v if type(_v) is Markup else escape(_v)),
                '</span></td><td class="date" data-label="Due">',
                (escape_text(_v) if type(_v := (l_1_o).due) is str else _v if type(_v) is Markup else escape(_v)),
                '</td><td class="num" data-label="Days overdue">',
                (escape_text(_v) if type(_v := (l_1_o).days) is str else _v if type(_v) is Markup else escape(_v)),
                '</td></tr>',
            ])
        l_1_o = missing
        yield '\n</tbody>\n</table>\n</div>'
    else:
        pass
        yield '\n<p>No commitment is overdue.</p>'
    yield ''.join([
        '\n</section>\n<section id="commitments" aria-labelledby="commitments-title">\n<h2 id="commitments-title">Commitments</h2>',
        *((
            '\n<p>None to show.</p>',
        ) if (not ((undefined(name='v') if l_0_v is missing else l_0_v)).sections) else (
            '\n<p class="muted">',
            (escape_text(_v) if type(_v := t_2(((undefined(name='v') if l_0_v is missing else l_0_v)).sections)) is str else _v if type(_v) is Markup else escape(_v)),
            ' commitments: open one to read its quote, evidence and history.</p>',
        ) if (not ((undefined(name='v') if l_0_v is missing else l_0_v)).sections_open) else (
        )),
    ])
    l_0_open = (' open' if ((undefined(name='v') if l_0_v is missing else l_0_v)).sections_open else '')
    context.vars['open'] = l_0_open
    context.exported_vars.add('open')
    (l_0_badges, l_0_parties) = ((undefined(name='badges') if l_0_badges is missing else l_0_badges), (undefined(name='parties') if l_0_parties is missing else l_0_parties))
    context.vars.update({'badges': l_0_badges, 'parties': l_0_parties})
    context.exported_vars.update(('badges', 'parties'))
    for l_1_s in ((undefined(name='v') if l_0_v is missing else l_0_v)).sections:
        _loop_vars = {}
        pass
        yield ''.join([
            '\n<details class="commitment r',
            (escape_text(_v) if type(_v := ((l_1_s).rank % 8)) is str else _v if type(_v) is Markup else escape(_v)),
            '" id="',
            (escape_text(_v) if type(_v := (l_1_s).anchor) is str else _v if type(_v) is Markup else escape(_v)),
            '"',
            (escape_text(_v) if type(_v := (undefined(name='open') if l_0_open is missing else l_0_open)) is str else _v if type(_v) is Markup else escape(_v)),
            '>\n<summary><span class="title">',
            (escape_text(_v) if type(_v := (l_1_s).title) is str else _v if type(_v) is Markup else escape(_v)),
            '</span> ',
            (escape_text(_v) if type(_v := ((undefined(name='badges') if l_0_badges is missing else l_0_badges))[(l_1_s).status]) is str else _v if type(_v) is Markup else escape(_v)),
            *((
                ' <span class="flag">overdue ',
                (escape_text(_v) if type(_v := (l_1_s).overdue_days) is str else _v if type(_v) is Markup else escape(_v)),
                ' days</span>',
            ) if (not t_5((l_1_s).overdue_days)) else (
            )),
            '<span class="id">',
            (escape_text(_v) if type(_v := (l_1_s).id) is str else _v if type(_v) is Markup else escape(_v)),
            '</span></summary>\n<dl class="facts">\n<dt>Category</dt><dd>',
            (escape_text(_v) if type(_v := (l_1_s).category) is str else _v if type(_v) is Markup else escape(_v)),
            '</dd>\n<dt>Made</dt><dd>',
            (escape_text(_v) if type(_v := (l_1_s).made) is str else _v if type(_v) is Markup else escape(_v)),
            '</dd>\n<dt>Due</dt><dd>',
            *((
                (escape_text(_v) if type(_v := (l_1_s).due) is str else _v if type(_v) is Markup else escape(_v)),
                *((
                    ', overdue by ',
                    (escape_text(_v) if type(_v := (l_1_s).overdue_days) is str else _v if type(_v) is Markup else escape(_v)),
                    ' days',
                ) if (not t_5((l_1_s).overdue_days)) else (
                )),
            ) if (l_1_s).due else (
                'no date set',
            )),
            '</dd>\n<dt>Status</dt><dd>',
            (escape_text(_v) if type(_v := (l_1_s).status) is str else _v if type(_v) is Markup else escape(_v)),
            ' since ',
            (escape_text(_v) if type(_v := (l_1_s).since) is str else _v if type(_v) is Markup else escape(_v)),
            '</dd>\n</dl>\n<h4>Parties</h4>\n<ul class="parties">',
            ''.join([''.join([
                '\n',
                (escape_text(_v) if type(_v := ((undefined(name='parties') if l_0_parties is missing else l_0_parties))[l_2_p]) is str else _v if type(_v) is Markup else escape(_v)),
            ]) for l_2_p in (l_1_s).parties]),
            '\n</ul>\n<h4>Pledge</h4>\n<blockquote>',
            (escape_text(_v) if type(_v := (l_1_s).quote) is str else _v if type(_v) is Markup else escape(_v)),
            '</blockquote>\n<p class="cite">Source: ',
            *((
                '<a href="',
                (escape_text(_v) if type(_v := ((l_1_s).source).url) is str else _v if type(_v) is Markup else escape(_v)),
                '" rel="noopener noreferrer">',
                (escape_text(_v) if type(_v := ((l_1_s).source).text) is str else _v if type(_v) is Markup else escape(_v)),
                '</a>',
            ) if ((l_1_s).source).url else (
                (escape_text(_v) if type(_v := ((l_1_s).source).text) is str else _v if type(_v) is Markup else escape(_v)),
            )),
            *((
                ', ',
                (escape_text(_v) if type(_v := (l_1_s).source_place) is str else _v if type(_v) is Markup else escape(_v)),
            ) if (l_1_s).source_place else (
            )),
            *((
                ', ',
                (escape_text(_v) if type(_v := (l_1_s).source_date) is str else _v if type(_v) is Markup else escape(_v)),
            ) if (l_1_s).source_date else (
            )),
            '</p>',
            *((
                '\n<p class="cite">Note: ',
                (escape_text(_v) if type(_v := (l_1_s).notes) is str else _v if type(_v) is Markup else escape(_v)),
                '</p>',
            ) if (l_1_s).notes else (
            )),
            '\n<h4>Latest assessment</h4>',
            *((
                '\n<p class="latest">',
                (escape_text(_v) if type(_v := ((l_1_s).latest).date) is str else _v if type(_v) is Markup else escape(_v)),
                ' ',
                (escape_text(_v) if type(_v := ((undefined(name='badges') if l_0_badges is missing else l_0_badges))[((l_1_s).latest).status]) is str else _v if type(_v) is Markup else escape(_v)),
                *((
                    '<span class="named"> (',
                    (escape_text(_v) if type(_v := ((l_1_s).latest).named) is str else _v if type(_v) is Markup else escape(_v)),
                    ')</span>',
                ) if ((l_1_s).latest).named else (
                )),
                ' ',
                (escape_text(_v) if type(_v := ((l_1_s).latest).note) is str else _v if type(_v) is Markup else escape(_v)),
                *((
                    ' <span class="muted">(by ',
                    (escape_text(_v) if type(_v := ((l_1_s).latest).by) is str else _v if type(_v) is Markup else escape(_v)),
                    ')</span>',
                ) if ((l_1_s).latest).by else (
                )),
                '</p>\n<div class="latest-evidence">Evidence: ',
                *((
                    '<ul class="evidence">',
                    ''.join([''.join([
                        '<li>',
                        *((
                            '<a href="',
                            (escape_text(_v) if type(_v := (l_2_link).url) is str else _v if type(_v) is Markup else escape(_v)),
                            '" rel="noopener noreferrer">',
                            (escape_text(_v) if type(_v := (l_2_link).text) is str else _v if type(_v) is Markup else escape(_v)),
                            '</a>',
                        ) if (l_2_link).url else (
                            (escape_text(_v) if type(_v := (l_2_link).text) is str else _v if type(_v) is Markup else escape(_v)),
                        )),
                        '</li>',
                    ]) for l_2_link in ((l_1_s).latest).evidence]),
                    '</ul>',
                ) if ((l_1_s).latest).evidence else (
                    'none given',
                )),
                '</div>',
            ) if (l_1_s).latest else (
                '\n<p class="muted">No update recorded: ',
                (escape_text(_v) if type(_v := (l_1_s).status) is str else _v if type(_v) is Markup else escape(_v)),
                ' since the pledge was made.</p>',
            )),
            *((
                '\n<h4>Earlier updates</h4>\n<div class="table">\n<table class="stack">\n<thead><tr><th scope="col">Date</th><th scope="col">Status</th><th scope="col">Parties</th><th scope="col">Note</th>',
                ('<th scope="col">By</th>' if (l_1_s).assessed else ''),
                '<th scope="col">Evidence</th></tr></thead>\n<tbody>',
                ''.join([''.join([
                    '\n<tr><td class="date" data-label="Date">',
                    (escape_text(_v) if type(_v := (l_2_e).date) is str else _v if type(_v) is Markup else escape(_v)),
                    '</td><td data-label="Status">',
                    (escape_text(_v) if type(_v := ((undefined(name='badges') if l_0_badges is missing else l_0_badges))[(l_2_e).status]) is str else _v if type(_v) is Markup else escape(_v)),
                    '</td><td data-label="Parties">',
                    (escape_text(_v) if type(_v := (l_2_e).parties) is str else _v if type(_v) is Markup else escape(_v)),
                    '</td><td data-label="Note">',
                    (escape_text(_v) if type(_v := (l_2_e).note) is str else _v if type(_v) is Markup else escape(_v)),
                    '</td>',
                    *((
                        '<td data-label="By">',
                        (escape_text(_v) if type(_v := ((l_2_e).by or '-')) is str else _v if type(_v) is Markup else escape(_v)),
                        '</td>',
                    ) if (l_1_s).assessed else (
                    )),
                    '<td data-label="Evidence">',
                    *((
                        '<ul class="evidence">',
                        ''.join([''.join([
                            '<li>',
                            *((
                                '<a href="',
                                (escape_text(_v) if type(_v := (l_3_link).url) is str else _v if type(_v) is Markup else escape(_v)),
                                '" rel="noopener noreferrer">',
                                (escape_text(_v) if type(_v := (l_3_link).text) is str else _v if type(_v) is Markup else escape(_v)),
                                '</a>',
                            ) if (l_3_link).url else (
                                (escape_text(_v) if type(_v := (l_3_link).text) is str else _v if type(_v) is Markup else escape(_v)),
                            )),
                            '</li>',
                        ]) for l_3_link in (l_2_e).evidence]),
                        '</ul>',
                    ) if (l_2_e).evidence else (
                        'none',
                    )),
                    '</td></tr>',
                ]) for l_2_e in (l_1_s).earlier]),
                '\n</tbody>\n</table>\n</div>',
            ) if (l_1_s).earlier else (
            )),
            '\n</details>',
        ])
    l_1_s = missing
    yield '\n</section>\n<section id="method" aria-labelledby="method-title" class="method">\n<h2 id="method-title">Method</h2>\n<p>Each commitment is assessed for its parties. Its status on a day is that of the latest update dated on or before that day; with none, it is the first status of the scale, from the day the pledge was made.</p>\n<div class="table">\n<table class="numbers">\n<caption>The status scale</caption>\n<thead><tr><th scope="col">Status</th><th scope="col" class="num">Progress</th><th scope="col" class="num">Score</th><th scope="col">Ends the commitment</th></tr></thead>\n<tbody>'
    for l_1_s in ((undefined(name='v') if l_0_v is missing else l_0_v)).legend:
        _loop_vars = {}
        pass
        yield ''.join((
            '\n<tr><td data-label="Status"><span class="badge r',
            (escape_text(_v) if type(_v := ((l_1_s).rank % 8)) is str else _v if type(_v) is Markup else escape(_v)),
            '">',
            (escape_text(_v) if type(_v := (l_1_s).name) is str else _v if type(_v) is Markup else escape(_v)),
            '</span></td><td class="num" data-label="Progress">',
            (escape_text(_v) if type(_v := ('%.0f' % ((l_1_s).progress * 100))) is str else _v if type(_v) is Markup else escape(_v)),
            '%</td><td class="num" data-label="Score">',
            (escape_text(_v) if type(_v := (('%+d' % (l_1_s).score) if ((l_1_s).score == t_1((l_1_s).score)) else (l_1_s).score)) is str else _v if type(_v) is Markup else escape(_v)),
            '</td><td data-label="Ends the commitment">',
            (escape_text(_v) if type(_v := ('yes' if (l_1_s).closed else 'no')) is str else _v if type(_v) is Markup else escape(_v)),
            '</td></tr>',
        ))
    l_1_s = missing
    yield ''.join((
        "\n</tbody>\n</table>\n</div>\n<dl>\n<dt>Progress</dt><dd>The mean of the commitments' progress weights: the share delivered, from 0% to 100%.</dd>\n<dt>Score and compliance</dt><dd>In the style of the G20 Research Group: the mean of the commitments' scores, from -1 (not done) through 0 (partial or in progress) to +1 (fully done). Compliance gives the same mean as a percentage, (mean + 1) / 2 &times; 100.</dd>\n<dt>Parties and categories</dt><dd>A commitment counts once for each of its parties, and once in its category.</dd>\n<dt>Overdue</dt><dd>Past its due date and not in a status that ends it.</dd>\n<dt>As of</dt><dd>The report shows the ledger as it stood on ",
        (escape_text(_v) if type(_v := ((undefined(name='v') if l_0_v is missing else l_0_v)).as_of) is str else _v if type(_v) is Markup else escape(_v)),
        ': updates dated later are left out, so the same report can be made again on any later day with the same numbers. Each point of the chart over time is the report as of that quarter end.</dd>\n</dl>\n</section>\n</main>\n<footer>\n<p>Made by tracker ',
        (escape_text(_v) if type(_v := ((undefined(name='v') if l_0_v is missing else l_0_v)).version) is str else _v if type(_v) is Markup else escape(_v)),
        ' from a ledger whose SHA-256 is <code>',
        (escape_text(_v) if type(_v := ((undefined(name='v') if l_0_v is missing else l_0_v)).ledger_sha256) is str else _v if type(_v) is Markup else escape(_v)),
        '</code>.</p>\n</footer>\n</body>\n</html>\n',
    ))

blocks = {}
debug_info = '4=50&5=56&6=70&8=78&9=85&10=89&11=94&12=96&13=101&20=126&21=139&22=141&24=144&25=149&30=159&31=161&33=164&34=169&44=191&47=193&48=195&49=199&54=201&55=203&56=207&57=209&60=215&61=220&66=230&76=233&78=246&79=248&82=251&85=255&86=261&91=273&92=276&93=281&95=297&96=299&99=301&100=307&102=318&103=323&104=329&106=336&107=345&108=350&110=360&111=362&120=366&121=371&128=386&130=390&131=395&132=397&135=402&137=405&138=410&150=470&155=473&156=478&167=501&170=505&172=510&176=513&177=516&178=521&179=527&181=539&182=541&183=543&184=555&188=559&189=561&193=564&194=566&195=586&196=588&199=593&200=595&201=613&203=635&206=638&210=640&212=642&213=644&230=687&231=692&241=706&246=708'