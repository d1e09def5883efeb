# The template charts.svg.j2 compiled by Jinja 3.1.6: written by
# `python -m tracker.render.precompiled`, never by hand.
# mypy: ignore-errors
SOURCE_SHA256 = 'acc4889579c4cbf5b87d0ef8cbdb686941ebfd45865ca49ae8188d0c629ebde5'
JINJA_VERSION = '3.1.6'
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'charts.svg.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_g = resolve('g')
    l_0_layout = resolve('layout')
    l_0_v = resolve('v')
    l_0_counts_text = l_0_box = missing
    try:
        t_1 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    pass
    yield '<?xml version="1.0" encoding="UTF-8"?>'
    def macro(l_1_bar):
        t_2 = []
        if l_1_bar is missing:
            l_1_bar = undefined("parameter 'bar' was not provided", name='bar')
        pass
        l_2_loop = missing
        for l_2_s, l_2_loop in LoopContext((l_1_bar).segments, undefined):
            _loop_vars = {}
            pass
            t_2.extend((
                (escape_text(_v) if type(_v := (l_2_s).number) is str else _v if type(_v) is Markup else escape(_v)),
                ' ',
                (escape_text(_v) if type(_v := (l_2_s).status) is str else _v if type(_v) is Markup else escape(_v)),
            ))
            if (not (l_2_loop).last):
                pass
                t_2.append(
                    ', ',
                )
        l_2_loop = l_2_s = missing
        if (not (l_1_bar).segments):
            pass
            t_2.append(
                'none',
            )
        return concat(t_2)
    context.exported_vars.add('counts_text')
    context.vars['counts_text'] = l_0_counts_text = Macro(environment, macro, 'counts_text', ('bar',), False, False, False, context.eval_ctx.autoescape)
    yield ''.join((
        '\n<svg xmlns="http://www.w3.org/2000/svg" width="',
        (escape_text(_v) if type(_v := ((undefined(name='g') if l_0_g is missing else l_0_g)).width) is str else _v if type(_v) is Markup else escape(_v)),
        '" height="',
        (escape_text(_v) if type(_v := ((undefined(name='layout') if l_0_layout is missing else l_0_layout)).height) is str else _v if type(_v) is Markup else escape(_v)),
        '" viewBox="0 0 ',
        (escape_text(_v) if type(_v := ((undefined(name='g') if l_0_g is missing else l_0_g)).width) is str else _v if type(_v) is Markup else escape(_v)),
        ' ',
        (escape_text(_v) if type(_v := ((undefined(name='layout') if l_0_layout is missing else l_0_layout)).height) is str else _v if type(_v) is Markup else escape(_v)),
        '" role="img" aria-labelledby="title desc">\n<title id="title">',
        (escape_text(_v) if type(_v := ((undefined(name='v') if l_0_v is missing else l_0_v)).title) is str else _v if type(_v) is Markup else escape(_v)),
        ': status report as of ',
        (escape_text(_v) if type(_v := ((undefined(name='v') if l_0_v is missing else l_0_v)).as_of) is str else _v if type(_v) is Markup else escape(_v)),
        '</title>\n<desc id="desc">',
        (escape_text(_v) if type(_v := ((undefined(name='v') if l_0_v is missing else l_0_v)).scope) is str else _v if type(_v) is Markup else escape(_v)),
        '.',
    ))
    for l_1_f in ((undefined(name='v') if l_0_v is missing else l_0_v)).figures:
        _loop_vars = {}
        pass
        yield ''.join((
            ' ',
            (escape_text(_v) if type(_v := (l_1_f).label) is str else _v if type(_v) is Markup else escape(_v)),
            ': ',
            (escape_text(_v) if type(_v := (l_1_f).value) is str else _v if type(_v) is Markup else escape(_v)),
            ' (',
            (escape_text(_v) if type(_v := (l_1_f).detail) is str else _v if type(_v) is Markup else escape(_v)),
            ').',
        ))
    l_1_f = missing
    yield ''.join((
        '</desc>\n<style>\n:root { max-width: 100%; height: auto; }\ntext { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif; fill: #1a1a1a; font-size: 14px; }\n.title { font-size: 24px; font-weight: 700; }\n.muted { fill: #4d4d4d; }\n.caption { font-size: 16px; font-weight: 700; }\n.value { font-size: 28px; font-weight: 700; }\n.num { font-variant-numeric: tabular-nums; }\n</style>\n<rect x="0" y="0" width="',
        (escape_text(_v) if type(_v := ((undefined(name='g') if l_0_g is missing else l_0_g)).width) is str else _v if type(_v) is Markup else escape(_v)),
        '" height="',
        (escape_text(_v) if type(_v := ((undefined(name='layout') if l_0_layout is missing else l_0_layout)).height) is str else _v if type(_v) is Markup else escape(_v)),
        '" fill="#ffffff"/>\n<text class="title" x="',
        (escape_text(_v) if type(_v := ((undefined(name='g') if l_0_g is missing else l_0_g)).margin) is str else _v if type(_v) is Markup else escape(_v)),
        '" y="48">',
        (escape_text(_v) if type(_v := ((undefined(name='v') if l_0_v is missing else l_0_v)).title) is str else _v if type(_v) is Markup else escape(_v)),
        '</text>\n<text class="muted" x="',
        (escape_text(_v) if type(_v := ((undefined(name='g') if l_0_g is missing else l_0_g)).margin) is str else _v if type(_v) is Markup else escape(_v)),
        '" y="74">Status report as of ',
        (escape_text(_v) if type(_v := ((undefined(name='v') if l_0_v is missing else l_0_v)).as_of) is str else _v if type(_v) is Markup else escape(_v)),
        '; ',
        (escape_text(_v) if type(_v := ((undefined(name='v') if l_0_v is missing else l_0_v)).scope) is str else _v if type(_v) is Markup else escape(_v)),
        '</text>',
    ))
    l_0_box = (((((undefined(name='g') if l_0_g is missing else l_0_g)).width - (2 * ((undefined(name='g') if l_0_g is missing else l_0_g)).margin)) - (12 * (t_1(((undefined(name='v') if l_0_v is missing else l_0_v)).figures) - 1))) / t_1(((undefined(name='v') if l_0_v is missing else l_0_v)).figures))
    context.vars['box'] = l_0_box
    context.exported_vars.add('box')
    l_1_loop = missing
    for l_1_f, l_1_loop in LoopContext(((undefined(name='v') if l_0_v is missing else l_0_v)).figures, undefined):
        l_1_x = missing
        _loop_vars = {}
        pass
        l_1_x = (((undefined(name='g') if l_0_g is missing else l_0_g)).margin + ((l_1_loop).index0 * ((undefined(name='box') if l_0_box is missing else l_0_box) + 12)))
        _loop_vars['x'] = l_1_x
        yield ''.join((
            '\n<g>\n<rect x="',
            (escape_text(_v) if type(_v := ('%.1f' % (undefined(name='x') if l_1_x is missing else l_1_x))) is str else _v if type(_v) is Markup else escape(_v)),
            '" y="96" width="',
            (escape_text(_v) if type(_v := ('%.1f' % (undefined(name='box') if l_0_box is missing else l_0_box))) is str else _v if type(_v) is Markup else escape(_v)),
            '" height="64" fill="#ffffff" stroke="#c8c8c8"/>\n<rect x="',
            (escape_text(_v) if type(_v := ('%.1f' % (undefined(name='x') if l_1_x is missing else l_1_x))) is str else _v if type(_v) is Markup else escape(_v)),
            '" y="96" width="',
            (escape_text(_v) if type(_v := ('%.1f' % (undefined(name='box') if l_0_box is missing else l_0_box))) is str else _v if type(_v) is Markup else escape(_v)),
            '" height="4" fill="#1a1a1a"/>\n<text x="',
            (escape_text(_v) if type(_v := ('%.1f' % ((undefined(name='x') if l_1_x is missing else l_1_x) + 12))) is str else _v if type(_v) is Markup else escape(_v)),
            '" y="120">',
            (escape_text(_v) if type(_v := (l_1_f).label) is str else _v if type(_v) is Markup else escape(_v)),
            '</text>\n<text class="value num" x="',
            (escape_text(_v) if type(_v := ('%.1f' % ((undefined(name='x') if l_1_x is missing else l_1_x) + 12))) is str else _v if type(_v) is Markup else escape(_v)),
            '" y="150">',
            (escape_text(_v) if type(_v := (l_1_f).value) is str else _v if type(_v) is Markup else escape(_v)),
            '</text>\n</g>',
        ))
    l_1_loop = l_1_f = l_1_x = missing
    yield '\n<g aria-label="Status colours">'
    for (l_1_x, l_1_s) in ((undefined(name='layout') if l_0_layout is missing else l_0_layout)).legend:
        _loop_vars = {}
        pass
        yield ''.join((
            '\n<rect x="',
            (escape_text(_v) if type(_v := l_1_x) is str else _v if type(_v) is Markup else escape(_v)),
            '" y="',
            (escape_text(_v) if type(_v := (((undefined(name='layout') if l_0_layout is missing else l_0_layout)).legend_y - 11)) is str else _v if type(_v) is Markup else escape(_v)),
            '" width="12" height="12" fill="',
            (escape_text(_v) if type(_v := (l_1_s).colour) is str else _v if type(_v) is Markup else escape(_v)),
            '" stroke="#1a1a1a" stroke-width="1"/>\n<text x="',
            (escape_text(_v) if type(_v := (l_1_x + 18)) is str else _v if type(_v) is Markup else escape(_v)),
            '" y="',
            (escape_text(_v) if type(_v := ((undefined(name='layout') if l_0_layout is missing else l_0_layout)).legend_y) is str else _v if type(_v) is Markup else escape(_v)),
            '">',
            (escape_text(_v) if type(_v := (l_1_s).name) is str else _v if type(_v) is Markup else escape(_v)),
            '</text>',
        ))
    l_1_x = l_1_s = missing
    yield '\n</g>'
    l_1_loop = missing
    for (l_1_caption, l_1_top, l_1_bars), l_1_loop in LoopContext(((undefined(name='layout') if l_0_layout is missing else l_0_layout)).charts, undefined):
        _loop_vars = {}
        pass
        yield ''.join((
            '\n<g>\n<text class="caption" x="',
            (escape_text(_v) if type(_v := ((undefined(name='g') if l_0_g is missing else l_0_g)).margin) is str else _v if type(_v) is Markup else escape(_v)),
            '" y="',
            (escape_text(_v) if type(_v := (l_1_top - 12)) is str else _v if type(_v) is Markup else escape(_v)),
            '">',
            (escape_text(_v) if type(_v := l_1_caption) is str else _v if type(_v) is Markup else escape(_v)),
            '</text>\n<text class="muted" x="',
            (escape_text(_v) if type(_v := (((undefined(name='g') if l_0_g is missing else l_0_g)).width - ((undefined(name='g') if l_0_g is missing else l_0_g)).margin)) is str else _v if type(_v) is Markup else escape(_v)),
            '" y="',
            (escape_text(_v) if type(_v := (l_1_top - 12)) is str else _v if type(_v) is Markup else escape(_v)),
            '" text-anchor="end">compliance</text>',
        ))
        l_2_loop = missing
        for l_2_b, l_2_loop in LoopContext(l_1_bars, undefined):
            l_2_y = missing
            _loop_vars = {}
            pass
            l_2_y = (l_1_top + ((l_2_loop).index0 * ((undefined(name='g') if l_0_g is missing else l_0_g)).row))
            _loop_vars['y'] = l_2_y
            yield ''.join([
                '\n<g>\n<title>',
                (escape_text(_v) if type(_v := (l_2_b).label) is str else _v if type(_v) is Markup else escape(_v)),
                ': ',
                (escape_text(_v) if type(_v := (l_2_b).total) is str else _v if type(_v) is Markup else escape(_v)),
                ' total; ',
                (escape_text(_v) if type(_v := context.call((undefined(name='counts_text') if l_0_counts_text is missing else l_0_counts_text), l_2_b, _loop_vars=_loop_vars)) is str else _v if type(_v) is Markup else escape(_v)),
                '; progress ',
                (escape_text(_v) if type(_v := (l_2_b).progress) is str else _v if type(_v) is Markup else escape(_v)),
                ', score ',
                (escape_text(_v) if type(_v := (l_2_b).score) is str else _v if type(_v) is Markup else escape(_v)),
                ', compliance ',
                (escape_text(_v) if type(_v := (l_2_b).compliance) is str else _v if type(_v) is Markup else escape(_v)),
                '</title>\n<text x="',
                (escape_text(_v) if type(_v := ((undefined(name='g') if l_0_g is missing else l_0_g)).margin) is str else _v if type(_v) is Markup else escape(_v)),
                '" y="',
                (escape_text(_v) if type(_v := ((undefined(name='y') if l_2_y is missing else l_2_y) + 14)) is str else _v if type(_v) is Markup else escape(_v)),
                '">',
                (escape_text(_v) if type(_v := (l_2_b).label) is str else _v if type(_v) is Markup else escape(_v)),
                '</text>',
                *((
                    ''.join([''.join([
                        '\n<rect x="',
                        (escape_text(_v) if type(_v := ('%.2f' % (((undefined(name='g') if l_0_g is missing else l_0_g)).bar_x + ((l_3_s).start * ((undefined(name='g') if l_0_g is missing else l_0_g)).bar_width)))) is str else _v if type(_v) is Markup else escape(_v)),
                        '" y="',
                        (escape_text(_v) if type(_v := (undefined(name='y') if l_2_y is missing else l_2_y)) is str else _v if type(_v) is Markup else escape(_v)),
                        '" width="',
                        (escape_text(_v) if type(_v := ('%.2f' % ((l_3_s).share * ((undefined(name='g') if l_0_g is missing else l_0_g)).bar_width))) is str else _v if type(_v) is Markup else escape(_v)),
                        '" height="18" fill="',
                        (escape_text(_v) if type(_v := (l_3_s).colour) is str else _v if type(_v) is Markup else escape(_v)),
                        '"><title>',
                        (escape_text(_v) if type(_v := (l_3_s).status) is str else _v if type(_v) is Markup else escape(_v)),
                        ': ',
                        (escape_text(_v) if type(_v := (l_3_s).number) is str else _v if type(_v) is Markup else escape(_v)),
                        ' of ',
                        (escape_text(_v) if type(_v := (l_2_b).total) is str else _v if type(_v) is Markup else escape(_v)),
                        '</title></rect>',
                    ]) for l_3_s in (l_2_b).segments]),
                ) if (l_2_b).segments else (
                    '\n<rect x="',
                    (escape_text(_v) if type(_v := (((undefined(name='g') if l_0_g is missing else l_0_g)).bar_x + 0.5)) is str else _v if type(_v) is Markup else escape(_v)),
                    '" y="',
                    (escape_text(_v) if type(_v := ((undefined(name='y') if l_2_y is missing else l_2_y) + 0.5)) is str else _v if type(_v) is Markup else escape(_v)),
                    '" width="',
                    (escape_text(_v) if type(_v := (((undefined(name='g') if l_0_g is missing else l_0_g)).bar_width - 1)) is str else _v if type(_v) is Markup else escape(_v)),
                    '" height="17" fill="#ffffff" stroke="#767676" stroke-dasharray="6 4"/>',
                )),
                '\n<text class="num" x="',
                (escape_text(_v) if type(_v := (((undefined(name='g') if l_0_g is missing else l_0_g)).width - ((undefined(name='g') if l_0_g is missing else l_0_g)).margin)) is str else _v if type(_v) is Markup else escape(_v)),
                '" y="',
                (escape_text(_v) if type(_v := ((undefined(name='y') if l_2_y is missing else l_2_y) + 14)) is str else _v if type(_v) is Markup else escape(_v)),
                '" text-anchor="end">',
                (escape_text(_v) if type(_v := (l_2_b).compliance) is str else _v if type(_v) is Markup else escape(_v)),
                '</text>\n</g>',
            ])
        l_2_loop = l_2_b = l_2_y = missing
        yield ''.join([
            *((
                '\n<text class="muted" x="',
                (escape_text(_v) if type(_v := ((undefined(name='g') if l_0_g is missing else l_0_g)).margin) is str else _v if type(_v) is Markup else escape(_v)),
                '" y="',
                (escape_text(_v) if type(_v := (l_1_top + 14)) is str else _v if type(_v) is Markup else escape(_v)),
                '">No commitments.</text>',
            ) if (not l_1_bars) else (
            )),
            '\n</g>',
        ])
    l_1_loop = l_1_caption = l_1_top = l_1_bars = missing
    yield ''.join((
        '\n<text class="muted" x="',
        (escape_text(_v) if type(_v := ((undefined(name='g') if l_0_g is missing else l_0_g)).margin) is str else _v if type(_v) is Markup else escape(_v)),
        '" y="',
        (escape_text(_v) if type(_v := ((undefined(name='layout') if l_0_layout is missing else l_0_layout)).footer_y) is str else _v if type(_v) is Markup else escape(_v)),
        '" font-size="12">tracker ',
        (escape_text(_v) if type(_v := ((undefined(name='v') if l_0_v is missing else l_0_v)).version) is str else _v if type(_v) is Markup else escape(_v)),
        '; ledger SHA-256 ',
        (escape_text(_v) if type(_v := ((undefined(name='v') if l_0_v is missing else l_0_v)).ledger_sha256) is str else _v if type(_v) is Markup else escape(_v)),
        '</text>\n</svg>\n',
    ))

blocks = {}
debug_info = '3=22&4=28&5=42&7=52&8=60&9=64&19=82&20=86&21=90&22=97&23=101&24=105&26=109&27=113&28=117&29=121&33=128&34=133&35=139&38=149&40=154&41=160&42=166&43=170&45=174&46=186&47=192&48=193&49=195&52=212&54=220&57=229&58=231&62=242'