# The template report.html.j2 compiled by Jinja 3.1.6: written by
# `python -m tracker.render.precompiled`, never by hand.
# mypy: ignore-errors
SOURCE_SHA256 = '1132e951f2e3d764adbd30a43137bd7368c8e17e35c49a5eeb7884eb87020c79'
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
                escape((l_2_s).number),
                ' ',
                escape((l_2_s).status),
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
            escape((l_1_bar).label),
            ': ',
            escape(context.call((undefined(name='counts_text') if l_0_counts_text is missing else l_0_counts_text), l_1_bar)),
            '">\n<title>',
            escape((l_1_bar).label),
            ': ',
            escape(context.call((undefined(name='counts_text') if l_0_counts_text is missing else l_0_counts_text), l_1_bar)),
            '</title>',
        ))
        if (l_1_bar).segments:
            pass
            for l_2_s in (l_1_bar).segments:
                _loop_vars = {}
                pass
                t_7.extend((
                    '\n<rect x="',
                    escape(('%.2f' % ((l_2_s).start * 1000))),
                    '" y="0" width="',
                    escape(('%.2f' % ((l_2_s).share * 1000))),
                    '" height="20" fill="',
                    escape((l_2_s).colour),
                    '"><title>',
                    escape((l_2_s).status),
                    ': ',
                    escape((l_2_s).number),
                    ' of ',
                    escape((l_1_bar).total),
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
            escape(l_1_id),
            '">\n<figcaption>',
            escape(l_1_caption),
            '</figcaption>\n<ul class="bars">',
        ))
        for l_2_b in l_1_bars:
            _loop_vars = {}
            pass
            t_8.extend((
                '\n<li><span class="label">',
                escape((l_2_b).label),
                '</span>',
                escape(context.call((undefined(name='stacked') if l_0_stacked is missing else l_0_stacked), l_2_b, _loop_vars=_loop_vars)),
                '<span class="figure" title="compliance">',
                escape((l_2_b).compliance),
                '</span></li>',
            ))
        l_2_b = missing
        t_8.extend((
            '\n</ul>\n<div class="table">\n<table class="numbers">\n<caption>',
            escape(l_1_caption),
            ': the numbers</caption>\n<thead><tr><th scope="col">',
            escape(l_1_label),
            '</th><th scope="col" class="num total">Total</th><th scope="col">Statuses</th><th scope="col" class="num">Progress</th><th scope="col" class="num score">Score</th><th scope="col" class="num">Compliance</th></tr></thead>\n<tbody>',
        ))
        for l_2_b in l_1_bars:
            _loop_vars = {}
            pass
            t_8.extend((
                '\n<tr><th scope="row">',
                escape((l_2_b).label),
                '</th><td class="num total">',
                escape((l_2_b).total),
                '</td><td>',
                escape(context.call((undefined(name='counts_text') if l_0_counts_text is missing else l_0_counts_text), l_2_b, _loop_vars=_loop_vars)),
                '</td><td class="num">',
                escape((l_2_b).progress),
                '</td><td class="num score">',
                escape((l_2_b).score),
                '</td><td class="num">',
                escape((l_2_b).compliance),
                '</td></tr>',
            ))
        l_2_b = missing
        t_8.append(
            '\n</tbody>\n</table>\n</div>\n</figure>',
        )
        return concat(t_8)
    context.exported_vars.add('bar_chart')
    context.vars['bar_chart'] = l_0_bar_chart = Macro(environment, macro, 'bar_chart', ('id', 'caption', 'bars', 'label'), False, False, False, context.eval_ctx.autoescape)
    yield ''.join((
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'',
        escape((undefined(name='style_hash') if l_0_style_hash is missing else l_0_style_hash)),
        '\'; img-src \'none\'; base-uri \'none\'; form-action \'none\'">\n<meta name="referrer" content="no-referrer">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="generator" content="tracker ',
        escape(((undefined(name='v') if l_0_v is missing else l_0_v)).version),
        '">\n<title>',
        escape(((undefined(name='v') if l_0_v is missing else l_0_v)).title),
        ': status report as of ',
        escape(((undefined(name='v') if l_0_v is missing else l_0_v)).as_of),
        '</title>\n<style>',
        escape((undefined(name='css') if l_0_css is missing else l_0_css)),
        '</style>\n</head>\n<body>\n<header id="top">\n<p class="kicker">Status report</p>\n<h1>',
        escape(((undefined(name='v') if l_0_v is missing else l_0_v)).title),
        '</h1>\n<p class="scope">As of <strong>',
        escape(((undefined(name='v') if l_0_v is missing else l_0_v)).as_of),
        '</strong>; ',
        escape(((undefined(name='v') if l_0_v is missing else l_0_v)).scope),
        '.</p>',
    ))
    if ((undefined(name='v') if l_0_v is missing else l_0_v)).note:
        pass
        yield ''.join((
            '\n<p class="note">Note: ',
            escape(((undefined(name='v') if l_0_v is missing else l_0_v)).note),
            '.</p>',
        ))
    yield '\n<ul class="figures" id="headline">'
    for l_1_f in ((undefined(name='v') if l_0_v is missing else l_0_v)).figures:
        _loop_vars = {}
        pass
        yield ''.join((
            '\n<li><span class="label">',
            escape((l_1_f).label),
            '</span><span class="value">',
            escape((l_1_f).value),
            '</span><span class="detail">',
            escape((l_1_f).detail),
            '</span></li>',
        ))
    l_1_f = missing
    yield '\n</ul>\n<nav aria-label="Contents"><ol>\n<li><a href="#charts">Charts</a></li>'
    if (not t_5(((undefined(name='v') if l_0_v is missing else l_0_v)).changes)):
        pass
        yield '<li><a href="#changes">Changes</a></li>'
    yield '\n<li><a href="#overdue">Overdue</a></li>\n<li><a href="#commitments">Commitments</a></li>\n<li><a href="#method">Method</a></li>\n</ol></nav>\n</header>\n<main>\n<section id="charts" aria-labelledby="charts-title">\n<h2 id="charts-title">Where the commitments stand</h2>\n<ul class="legend" aria-label="Status colours">'
    for l_1_s in ((undefined(name='v') if l_0_v is missing else l_0_v)).swatches:
        _loop_vars = {}
        pass
        yield ''.join((
            '<li><span class="badge r',
            escape(((l_1_s).rank % 8)),
            '">',
            escape((l_1_s).name),
            '</span></li>',
        ))
    l_1_s = missing
    yield ''.join((
        '\n</ul>\n',
        escape(context.call((undefined(name='bar_chart') if l_0_bar_chart is missing else l_0_bar_chart), 'chart-parties', 'Statuses by party', ((undefined(name='v') if l_0_v is missing else l_0_v)).parties, 'Party')),
        '\n',
        escape(context.call((undefined(name='bar_chart') if l_0_bar_chart is missing else l_0_bar_chart), 'chart-categories', 'Statuses by category', ((undefined(name='v') if l_0_v is missing else l_0_v)).categories, 'Category')),
        '\n<figure class="chart" id="chart-timeline">\n<figcaption>Commitments per status and compliance at each quarter end</figcaption>',
    ))
    if (undefined(name='trend') if l_0_trend is missing else l_0_trend):
        pass
        yield ''.join((
            '\n<div class="trends">\n<svg class="trend" viewBox="0 0 400 170" role="img" aria-labelledby="counts-title counts-desc">\n<title id="counts-title">Commitments per status at each quarter end, ',
            escape(((undefined(name='trend') if l_0_trend is missing else l_0_trend)).first),
            ' to ',
            escape(((undefined(name='trend') if l_0_trend is missing else l_0_trend)).last),
            '</title>\n<desc id="counts-desc">',
        ))
        l_1_loop = missing
        for l_1_p, l_1_loop in LoopContext(((undefined(name='v') if l_0_v is missing else l_0_v)).timeline, undefined):
            _loop_vars = {}
            pass
            yield ''.join((
                escape((l_1_p).key),
                ': ',
                escape(context.call((undefined(name='counts_text') if l_0_counts_text is missing else l_0_counts_text), l_1_p, _loop_vars=_loop_vars)),
            ))
            if (not (l_1_loop).last):
                pass
                yield '; '
        l_1_loop = l_1_p = missing
        yield ''.join((
            '</desc>\n<text class="axis-title" x="0" y="11">Commitments per status</text>\n<line x1="44" x2="392" y1="140" y2="140" stroke="#767676" stroke-width="1"/>\n<line x1="44" x2="392" y1="20" y2="20" stroke="#c8c8c8" stroke-width="1"/>\n<text x="38" y="144" text-anchor="end">0</text>\n<text x="38" y="24" text-anchor="end">',
            escape(((undefined(name='trend') if l_0_trend is missing else l_0_trend)).top),
            '</text>',
        ))
        for l_1_b in ((undefined(name='trend') if l_0_trend is missing else l_0_trend)).blocks:
            _loop_vars = {}
            pass
            yield ''.join((
                '\n<rect x="',
                escape(('%.2f' % (l_1_b).x)),
                '" y="',
                escape(('%.2f' % (l_1_b).y)),
                '" width="',
                escape(('%.2f' % (l_1_b).width)),
                '" height="',
                escape(('%.2f' % (l_1_b).height)),
                '" fill="',
                escape((l_1_b).colour),
                '"><title>',
                escape((l_1_b).title),
                '</title></rect>',
            ))
        l_1_b = missing
        yield ''.join((
            '\n<text x="44" y="162">',
            escape(((undefined(name='trend') if l_0_trend is missing else l_0_trend)).first),
            '</text>\n<text x="392" y="162" text-anchor="end">',
            escape(((undefined(name='trend') if l_0_trend is missing else l_0_trend)).last),
            '</text>\n</svg>\n<svg class="trend" viewBox="0 0 400 170" role="img" aria-labelledby="trend-title trend-desc">\n<title id="trend-title">Compliance at each quarter end, ',
            escape(((undefined(name='trend') if l_0_trend is missing else l_0_trend)).first),
            ' to ',
            escape(((undefined(name='trend') if l_0_trend is missing else l_0_trend)).last),
            '</title>\n<desc id="trend-desc">',
        ))
        l_1_loop = missing
        for l_1_p, l_1_loop in LoopContext(((undefined(name='v') if l_0_v is missing else l_0_v)).timeline, undefined):
            _loop_vars = {}
            pass
            yield ''.join((
                escape((l_1_p).key),
                ': ',
                escape((l_1_p).compliance),
            ))
            if (not (l_1_loop).last):
                pass
                yield '; '
        l_1_loop = l_1_p = missing
        yield '</desc>\n<text class="axis-title" x="0" y="11">Compliance</text>'
        for l_1_tick in (0, 50, 100):
            _loop_vars = {}
            pass
            yield ''.join((
                '\n<line x1="44" x2="392" y1="',
                escape((140 - (l_1_tick * 1.2))),
                '" y2="',
                escape((140 - (l_1_tick * 1.2))),
                '" stroke="',
                escape(('#767676' if (l_1_tick == 0) else '#c8c8c8')),
                '" stroke-width="1"/>\n<text x="38" y="',
                escape((144 - (l_1_tick * 1.2))),
                '" text-anchor="end">',
                escape(l_1_tick),
                '%</text>',
            ))
        l_1_tick = missing
        yield '\n<polyline fill="none" stroke="#0072b2" stroke-width="2.5" points="'
        for (l_1_x, l_1_y, l_1_t) in ((undefined(name='trend') if l_0_trend is missing else l_0_trend)).points:
            _loop_vars = {}
            pass
            yield ''.join((
                escape(('%.1f,%.1f' % (l_1_x, l_1_y))),
                ' ',
            ))
        l_1_x = l_1_y = l_1_t = missing
        yield '"/>'
        for (l_1_x, l_1_y, l_1_t) in ((undefined(name='trend') if l_0_trend is missing else l_0_trend)).points:
            _loop_vars = {}
            pass
            yield ''.join((
                '\n<circle cx="',
                escape(('%.1f' % l_1_x)),
                '" cy="',
                escape(('%.1f' % l_1_y)),
                '" r="3.5" fill="#0072b2"><title>',
                escape(l_1_t),
                '</title></circle>',
            ))
        l_1_x = l_1_y = l_1_t = missing
        yield ''.join((
            '\n<text x="44" y="162">',
            escape(((undefined(name='trend') if l_0_trend is missing else l_0_trend)).first),
            '</text>\n<text x="392" y="162" text-anchor="end">',
            escape(((undefined(name='trend') if l_0_trend is missing else l_0_trend)).last),
            '</text>\n</svg>\n</div>',
        ))
    yield '\n<div class="table">\n<table class="numbers">\n<caption>Status counts and compliance at each quarter end: the numbers</caption>\n<thead><tr><th scope="col">Date</th><th scope="col" class="num total">Total</th><th scope="col">Statuses</th><th scope="col" class="num">Progress</th><th scope="col" class="num score">Score</th><th scope="col" class="num">Compliance</th></tr></thead>\n<tbody>'
    for l_1_b in ((undefined(name='v') if l_0_v is missing else l_0_v)).timeline:
        _loop_vars = {}
        pass
        yield ''.join((
            '\n<tr><th scope="row" class="date">',
            escape((l_1_b).label),
            '</th><td class="num total">',
            escape((l_1_b).total),
            '</td><td>',
            escape(context.call((undefined(name='counts_text') if l_0_counts_text is missing else l_0_counts_text), l_1_b, _loop_vars=_loop_vars)),
            '</td><td class="num">',
            escape((l_1_b).progress),
            '</td><td class="num score">',
            escape((l_1_b).score),
            '</td><td class="num">',
            escape((l_1_b).compliance),
            '</td></tr>',
        ))
    l_1_b = missing
    yield '\n</tbody>\n</table>\n</div>\n</figure>\n</section>'
    if (not t_5(((undefined(name='v') if l_0_v is missing else l_0_v)).changes)):
        pass
        yield ''.join((
            '\n<section id="changes" aria-labelledby="changes-title">\n<h2 id="changes-title">Changes from ',
            escape(((undefined(name='v') if l_0_v is missing else l_0_v)).since),
            ' to ',
            escape(((undefined(name='v') if l_0_v is missing else l_0_v)).as_of),
            '</h2>',
        ))
        if ((undefined(name='v') if l_0_v is missing else l_0_v)).changes:
            pass
            l_0_assessed = (t_2(t_3(context.eval_ctx, t_4(context, ((undefined(name='v') if l_0_v is missing else l_0_v)).changes, 'by'))) > 0)
            context.vars['assessed'] = l_0_assessed
            context.exported_vars.add('assessed')
            yield '\n<div class="table">\n<table class="stack">\n<thead><tr><th scope="col">Date</th><th scope="col">Commitment</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Note</th>'
            if (undefined(name='assessed') if l_0_assessed is missing else l_0_assessed):
                pass
                yield '<th scope="col">By</th>'
            yield '<th scope="col">Evidence</th></tr></thead>\n<tbody>'
            for l_1_c in ((undefined(name='v') if l_0_v is missing else l_0_v)).changes:
                _loop_vars = {}
                pass
                yield ''.join((
                    '\n<tr><td class="date" data-label="Date">',
                    escape((l_1_c).date),
                    '</td><td data-label="Commitment"><a href="#',
                    escape((l_1_c).anchor),
                    '">',
                    escape((l_1_c).title),
                    '</a> <span class="id">',
                    escape((l_1_c).id),
                    '</span></td><td data-label="From"><span class="badge r',
                    escape(((l_1_c).before_rank % 8)),
                    '">',
                    escape((l_1_c).before),
                    '</span></td><td data-label="To"><span class="badge r',
                    escape(((l_1_c).after_rank % 8)),
                    '">',
                    escape((l_1_c).after),
                    '</span>',
                ))
                if (l_1_c).parties:
                    pass
                    yield ''.join((
                        '<span class="named"> (',
                        escape((l_1_c).parties),
                        ')</span>',
                    ))
                yield ''.join((
                    '</td><td data-label="Note">',
                    escape((l_1_c).note),
                    '</td>',
                ))
                if (undefined(name='assessed') if l_0_assessed is missing else l_0_assessed):
                    pass
                    yield ''.join((
                        '<td data-label="By">',
                        escape(((l_1_c).by or '-')),
                        '</td>',
                    ))
                yield '<td data-label="Evidence">'
                if (l_1_c).evidence:
                    pass
                    yield '<ul class="evidence">'
                    for l_2_link in (l_1_c).evidence:
                        _loop_vars = {}
                        pass
                        yield '<li>'
                        if (l_2_link).url:
                            pass
                            yield ''.join((
                                '<a href="',
                                escape((l_2_link).url),
                                '" rel="noopener noreferrer">',
                                escape((l_2_link).text),
                                '</a>',
                            ))
                        else:
                            pass
                            yield escape((l_2_link).text)
                        yield '</li>'
                    l_2_link = missing
                    yield '</ul>'
                else:
                    pass
                    yield 'none'
                yield '</td></tr>'
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
            yield ''.join((
                '\n<tr><td data-label="Commitment"><a href="#',
                escape((l_1_o).anchor),
                '">',
                escape((l_1_o).title),
                '</a> <span class="id">',
                escape((l_1_o).id),
                '</span></td><td data-label="Status"><span class="badge r',
                escape(((l_1_o).rank % 8)),
            ))
            if (' ' in (l_1_o).status):
                pass
                yield ' label'
            yield ''.join((
                '">',
                escape((l_1_o).status),
                '</span></td><td class="date" data-label="Due">',
                escape((l_1_o).due),
                '</td><td class="num" data-label="Days overdue">',
                escape((l_1_o).days),
                '</td></tr>',
            ))
        l_1_o = missing
        yield '\n</tbody>\n</table>\n</div>'
    else:
        pass
        yield '\n<p>No commitment is overdue.</p>'
    yield '\n</section>\n<section id="commitments" aria-labelledby="commitments-title">\n<h2 id="commitments-title">Commitments</h2>'
    if (not ((undefined(name='v') if l_0_v is missing else l_0_v)).sections):
        pass
        yield '\n<p>None to show.</p>'
    elif (not ((undefined(name='v') if l_0_v is missing else l_0_v)).sections_open):
        pass
        yield ''.join((
            '\n<p class="muted">',
            escape(t_2(((undefined(name='v') if l_0_v is missing else l_0_v)).sections)),
            ' commitments: open one to read its quote, evidence and history.</p>',
        ))
    l_0_open = (' open' if ((undefined(name='v') if l_0_v is missing else l_0_v)).sections_open else '')
    context.vars['open'] = l_0_open
    context.exported_vars.add('open')
    for l_1_s in ((undefined(name='v') if l_0_v is missing else l_0_v)).sections:
        l_1_badges = resolve('badges')
        l_1_latest = resolve('latest')
        l_1_assessed = l_0_assessed
        l_1_source = missing
        _loop_vars = {}
        pass
        yield ''.join((
            '\n<details class="commitment r',
            escape(((l_1_s).rank % 8)),
            '" id="',
            escape((l_1_s).anchor),
            '"',
            escape((undefined(name='open') if l_0_open is missing else l_0_open)),
            '>\n<summary><span class="title">',
            escape((l_1_s).title),
            '</span> ',
            escape(((undefined(name='badges') if l_1_badges is missing else l_1_badges))[(l_1_s).status]),
        ))
        if (not t_5((l_1_s).overdue_days)):
            pass
            yield ''.join((
                ' <span class="flag">overdue ',
                escape((l_1_s).overdue_days),
                ' days</span>',
            ))
        yield ''.join((
            '<span class="id">',
            escape((l_1_s).id),
            '</span></summary>\n<dl class="facts">\n<dt>Category</dt><dd>',
            escape((l_1_s).category),
            '</dd>\n<dt>Made</dt><dd>',
            escape((l_1_s).made),
            '</dd>\n<dt>Due</dt><dd>',
        ))
        if (l_1_s).due:
            pass
            yield escape((l_1_s).due)
            if (not t_5((l_1_s).overdue_days)):
                pass
                yield ''.join((
                    ', overdue by ',
                    escape((l_1_s).overdue_days),
                    ' days',
                ))
        else:
            pass
            yield 'no date set'
        yield ''.join((
            '</dd>\n<dt>Status</dt><dd>',
            escape((l_1_s).status),
            ' since ',
            escape((l_1_s).since),
            '</dd>\n</dl>\n<h4>Parties</h4>\n<ul class="parties">',
        ))
        for l_2_p in (l_1_s).parties:
            l_2_parties = resolve('parties')
            _loop_vars = {}
            pass
            yield ''.join((
                '\n',
                escape(((undefined(name='parties') if l_2_parties is missing else l_2_parties))[l_2_p]),
            ))
        l_2_p = l_2_parties = missing
        yield ''.join((
            '\n</ul>\n<h4>Pledge</h4>\n<blockquote>',
            escape((l_1_s).quote),
            '</blockquote>',
        ))
        l_1_source = (l_1_s).source
        _loop_vars['source'] = l_1_source
        yield '\n<p class="cite">Source: '
        if ((undefined(name='source') if l_1_source is missing else l_1_source)).url:
            pass
            yield ''.join((
                '<a href="',
                escape(((undefined(name='source') if l_1_source is missing else l_1_source)).url),
                '" rel="noopener noreferrer">',
                escape(((undefined(name='source') if l_1_source is missing else l_1_source)).text),
                '</a>',
            ))
        else:
            pass
            yield escape(((undefined(name='source') if l_1_source is missing else l_1_source)).text)
        if (l_1_s).source_place:
            pass
            yield ''.join((
                ', ',
                escape((l_1_s).source_place),
            ))
        if (l_1_s).source_date:
            pass
            yield ''.join((
                ', ',
                escape((l_1_s).source_date),
            ))
        yield '</p>'
        if (l_1_s).notes:
            pass
            yield ''.join((
                '\n<p class="cite">Note: ',
                escape((l_1_s).notes),
                '</p>',
            ))
        yield '\n<h4>Latest assessment</h4>'
        if (l_1_s).latest:
            pass
            l_1_latest = (l_1_s).latest
            _loop_vars['latest'] = l_1_latest
            yield ''.join((
                '\n<p class="latest">',
                escape(((undefined(name='latest') if l_1_latest is missing else l_1_latest)).date),
                ' ',
                escape(((undefined(name='badges') if l_1_badges is missing else l_1_badges))[((undefined(name='latest') if l_1_latest is missing else l_1_latest)).status]),
            ))
            if ((undefined(name='latest') if l_1_latest is missing else l_1_latest)).named:
                pass
                yield ''.join((
                    '<span class="named"> (',
                    escape(((undefined(name='latest') if l_1_latest is missing else l_1_latest)).named),
                    ')</span>',
                ))
            yield ''.join((
                ' ',
                escape(((undefined(name='latest') if l_1_latest is missing else l_1_latest)).note),
            ))
            if ((undefined(name='latest') if l_1_latest is missing else l_1_latest)).by:
                pass
                yield ''.join((
                    ' <span class="muted">(by ',
                    escape(((undefined(name='latest') if l_1_latest is missing else l_1_latest)).by),
                    ')</span>',
                ))
            yield '</p>\n<div class="latest-evidence">Evidence: '
            if ((undefined(name='latest') if l_1_latest is missing else l_1_latest)).evidence:
                pass
                yield '<ul class="evidence">'
                for l_2_link in ((undefined(name='latest') if l_1_latest is missing else l_1_latest)).evidence:
                    _loop_vars = {}
                    pass
                    yield '<li>'
                    if (l_2_link).url:
                        pass
                        yield ''.join((
                            '<a href="',
                            escape((l_2_link).url),
                            '" rel="noopener noreferrer">',
                            escape((l_2_link).text),
                            '</a>',
                        ))
                    else:
                        pass
                        yield escape((l_2_link).text)
                    yield '</li>'
                l_2_link = missing
                yield '</ul>'
            else:
                pass
                yield 'none given'
            yield '</div>'
        else:
            pass
            yield ''.join((
                '\n<p class="muted">No update recorded: ',
                escape((l_1_s).status),
                ' since the pledge was made.</p>',
            ))
        if (l_1_s).earlier:
            pass
            l_1_assessed = (l_1_s).assessed
            _loop_vars['assessed'] = l_1_assessed
            yield '\n<h4>Earlier updates</h4>\n<div class="table">\n<table class="stack">\n<thead><tr><th scope="col">Date</th><th scope="col">Status</th><th scope="col">Parties</th><th scope="col">Note</th>'
            if (undefined(name='assessed') if l_1_assessed is missing else l_1_assessed):
                pass
                yield '<th scope="col">By</th>'
            yield '<th scope="col">Evidence</th></tr></thead>\n<tbody>'
            for l_2_e in (l_1_s).earlier:
                _loop_vars = {}
                pass
                yield ''.join((
                    '\n<tr><td class="date" data-label="Date">',
                    escape((l_2_e).date),
                    '</td><td data-label="Status">',
                    escape(((undefined(name='badges') if l_1_badges is missing else l_1_badges))[(l_2_e).status]),
                    '</td><td data-label="Parties">',
                    escape((l_2_e).parties),
                    '</td><td data-label="Note">',
                    escape((l_2_e).note),
                    '</td>',
                ))
                if (undefined(name='assessed') if l_1_assessed is missing else l_1_assessed):
                    pass
                    yield ''.join((
                        '<td data-label="By">',
                        escape(((l_2_e).by or '-')),
                        '</td>',
                    ))
                yield '<td data-label="Evidence">'
                if (l_2_e).evidence:
                    pass
                    yield '<ul class="evidence">'
                    for l_3_link in (l_2_e).evidence:
                        _loop_vars = {}
                        pass
                        yield '<li>'
                        if (l_3_link).url:
                            pass
                            yield ''.join((
                                '<a href="',
                                escape((l_3_link).url),
                                '" rel="noopener noreferrer">',
                                escape((l_3_link).text),
                                '</a>',
                            ))
                        else:
                            pass
                            yield escape((l_3_link).text)
                        yield '</li>'
                    l_3_link = missing
                    yield '</ul>'
                else:
                    pass
                    yield 'none'
                yield '</td></tr>'
            l_2_e = missing
            yield '\n</tbody>\n</table>\n</div>'
        yield '\n</details>'
    l_1_s = l_1_badges = l_1_source = l_1_latest = l_1_assessed = missing
    yield '\n</section>\n<section id="method" aria-labelledby="method-title" class="method">\n<h2 id="method-title">Method</h2>\n<p>Each commitment is assessed for its parties. Its status on a day is that of the latest update dated on or before that day; with none, it is the first status of the scale, from the day the pledge was made.</p>\n<div class="table">\n<table class="numbers">\n<caption>The status scale</caption>\n<thead><tr><th scope="col">Status</th><th scope="col" class="num">Progress</th><th scope="col" class="num">Score</th><th scope="col">Ends the commitment</th></tr></thead>\n<tbody>'
    for l_1_s in ((undefined(name='v') if l_0_v is missing else l_0_v)).legend:
        _loop_vars = {}
        pass
        yield ''.join((
            '\n<tr><td data-label="Status"><span class="badge r',
            escape(((l_1_s).rank % 8)),
            '">',
            escape((l_1_s).name),
            '</span></td><td class="num" data-label="Progress">',
            escape(('%.0f' % ((l_1_s).progress * 100))),
            '%</td><td class="num" data-label="Score">',
            escape((('%+d' % (l_1_s).score) if ((l_1_s).score == t_1((l_1_s).score)) else (l_1_s).score)),
            '</td><td data-label="Ends the commitment">',
            escape(('yes' if (l_1_s).closed else 'no')),
            '</td></tr>',
        ))
    l_1_s = missing
    yield ''.join((
        "\n</tbody>\n</table>\n</div>\n<dl>\n<dt>Progress</dt><dd>The mean of the commitments' progress weights: the share delivered, from 0% to 100%.</dd>\n<dt>Score and compliance</dt><dd>In the style of the G20 Research Group: the mean of the commitments' scores, from -1 (not done) through 0 (partial or in progress) to +1 (fully done). Compliance gives the same mean as a percentage, (mean + 1) / 2 &times; 100.</dd>\n<dt>Parties and categories</dt><dd>A commitment counts once for each of its parties, and once in its category.</dd>\n<dt>Overdue</dt><dd>Past its due date and not in a status that ends it.</dd>\n<dt>As of</dt><dd>The report shows the ledger as it stood on ",
        escape(((undefined(name='v') if l_0_v is missing else l_0_v)).as_of),
        ': updates dated later are left out, so the same report can be made again on any later day with the same numbers. Each point of the chart over time is the report as of that quarter end.</dd>\n</dl>\n</section>\n</main>\n<footer>\n<p>Made by tracker ',
        escape(((undefined(name='v') if l_0_v is missing else l_0_v)).version),
        ' from a ledger whose SHA-256 is <code>',
        escape(((undefined(name='v') if l_0_v is missing else l_0_v)).ledger_sha256),
        '</code>.</p>\n</footer>\n</body>\n</html>\n',
    ))

blocks = {}
debug_info = '4=48&5=54&6=68&8=76&9=83&10=87&11=92&12=94&13=99&20=124&21=137&22=139&24=142&25=147&30=157&31=159&33=162&34=167&44=189&47=191&48=193&49=197&54=199&55=201&56=206&57=210&60=214&61=219&66=228&76=232&78=245&79=247&82=250&85=254&86=260&91=274&92=277&93=282&95=298&96=300&99=302&100=308&102=321&103=326&104=332&106=339&107=348&108=353&110=363&111=365&120=369&121=374&128=389&130=393&131=398&132=400&135=404&137=408&138=413&150=483&155=486&156=491&167=517&169=520&170=524&172=527&173=530&174=539&175=545&177=560&178=562&179=565&180=580&184=585&185=591&189=596&190=599&191=602&192=627&193=631&196=635&197=637&198=641&199=664&201=694&203=697&205=699&209=702&211=706&212=711&229=759&230=764&240=778&245=780'