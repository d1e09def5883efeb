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
        for l_2_s, l_2_loop in LoopContext(environment.getattr(l_1_bar, 'segments'), undefined):
            _loop_vars = {}
            pass
            t_2.extend((
                escape(environment.getattr(l_2_s, 'number')),
                ' ',
                escape(environment.getattr(l_2_s, 'status')),
            ))
            if (not environment.getattr(l_2_loop, 'last')):
                pass
                t_2.append(
                    ', ',
                )
        l_2_loop = l_2_s = missing
        if (not environment.getattr(l_1_bar, 'segments')):
            pass
            t_2.append(
                'none',
            )
        return concat(t_2)
    context.exported_vars.add('counts_text')
    context.vars['counts_text'] = l_0_counts_text = Macro(environment, macro, 'counts_text', ('bar',), False, False, False, context.eval_ctx.autoescape)
    yield '\n<svg xmlns="http://www.w3.org/2000/svg" width="'
    yield escape(environment.getattr((undefined(name='g') if l_0_g is missing else l_0_g), 'width'))
    yield '" height="'
    yield escape(environment.getattr((undefined(name='layout') if l_0_layout is missing else l_0_layout), 'height'))
    yield '" viewBox="0 0 '
    yield escape(environment.getattr((undefined(name='g') if l_0_g is missing else l_0_g), 'width'))
    yield ' '
    yield escape(environment.getattr((undefined(name='layout') if l_0_layout is missing else l_0_layout), 'height'))
    yield '" role="img" aria-labelledby="title desc">\n<title id="title">'
    yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'title'))
    yield ': status report as of '
    yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'as_of'))
    yield '</title>\n<desc id="desc">'
    yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'scope'))
    yield '.'
    for l_1_f in environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'figures'):
        _loop_vars = {}
        pass
        yield ' '
        yield escape(environment.getattr(l_1_f, 'label'))
        yield ': '
        yield escape(environment.getattr(l_1_f, 'value'))
        yield ' ('
        yield escape(environment.getattr(l_1_f, 'detail'))
        yield ').'
    l_1_f = missing
    yield '</desc>\n<style>\n:root { max-width: 100%; height: auto; }\ntext { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif; fill: #1a1a1a; font-size: 14px; }\n.title { font-size: 24px; font-weight: 700; }\n.muted { fill: #4d4d4d; }\n.caption { font-size: 16px; font-weight: 700; }\n.value { font-size: 28px; font-weight: 700; }\n.num { font-variant-numeric: tabular-nums; }\n</style>\n<rect x="0" y="0" width="'
    yield escape(environment.getattr((undefined(name='g') if l_0_g is missing else l_0_g), 'width'))
    yield '" height="'
    yield escape(environment.getattr((undefined(name='layout') if l_0_layout is missing else l_0_layout), 'height'))
    yield '" fill="#ffffff"/>\n<text class="title" x="'
    yield escape(environment.getattr((undefined(name='g') if l_0_g is missing else l_0_g), 'margin'))
    yield '" y="48">'
    yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'title'))
    yield '</text>\n<text class="muted" x="'
    yield escape(environment.getattr((undefined(name='g') if l_0_g is missing else l_0_g), 'margin'))
    yield '" y="74">Status report as of '
    yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'as_of'))
    yield '; '
    yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'scope'))
    yield '</text>'
    l_0_box = (((environment.getattr((undefined(name='g') if l_0_g is missing else l_0_g), 'width') - (2 * environment.getattr((undefined(name='g') if l_0_g is missing else l_0_g), 'margin'))) - (12 * (t_1(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'figures')) - 1))) / t_1(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'figures')))
    context.vars['box'] = l_0_box
    context.exported_vars.add('box')
    l_1_loop = missing
    for l_1_f, l_1_loop in LoopContext(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'figures'), undefined):
        l_1_x = missing
        _loop_vars = {}
        pass
        l_1_x = (environment.getattr((undefined(name='g') if l_0_g is missing else l_0_g), 'margin') + (environment.getattr(l_1_loop, 'index0') * ((undefined(name='box') if l_0_box is missing else l_0_box) + 12)))
        _loop_vars['x'] = l_1_x
        yield '\n<g>\n<rect x="'
        yield escape(('%.1f' % (undefined(name='x') if l_1_x is missing else l_1_x)))
        yield '" y="96" width="'
        yield escape(('%.1f' % (undefined(name='box') if l_0_box is missing else l_0_box)))
        yield '" height="64" fill="#ffffff" stroke="#c8c8c8"/>\n<rect x="'
        yield escape(('%.1f' % (undefined(name='x') if l_1_x is missing else l_1_x)))
        yield '" y="96" width="'
        yield escape(('%.1f' % (undefined(name='box') if l_0_box is missing else l_0_box)))
        yield '" height="4" fill="#1a1a1a"/>\n<text x="'
        yield escape(('%.1f' % ((undefined(name='x') if l_1_x is missing else l_1_x) + 12)))
        yield '" y="120">'
        yield escape(environment.getattr(l_1_f, 'label'))
        yield '</text>\n<text class="value num" x="'
        yield escape(('%.1f' % ((undefined(name='x') if l_1_x is missing else l_1_x) + 12)))
        yield '" y="150">'
        yield escape(environment.getattr(l_1_f, 'value'))
        yield '</text>\n</g>'
    l_1_loop = l_1_f = l_1_x = missing
    yield '\n<g aria-label="Status colours">'
    for (l_1_x, l_1_s) in environment.getattr((undefined(name='layout') if l_0_layout is missing else l_0_layout), 'legend'):
        _loop_vars = {}
        pass
        yield '\n<rect x="'
        yield escape(l_1_x)
        yield '" y="'
        yield escape((environment.getattr((undefined(name='layout') if l_0_layout is missing else l_0_layout), 'legend_y') - 11))
        yield '" width="12" height="12" fill="'
        yield escape(environment.getattr(l_1_s, 'colour'))
        yield '" stroke="#1a1a1a" stroke-width="1"/>\n<text x="'
        yield escape((l_1_x + 18))
        yield '" y="'
        yield escape(environment.getattr((undefined(name='layout') if l_0_layout is missing else l_0_layout), 'legend_y'))
        yield '">'
        yield escape(environment.getattr(l_1_s, 'name'))
        yield '</text>'
    l_1_x = l_1_s = missing
    yield '\n</g>'
    l_1_loop = missing
    for (l_1_caption, l_1_top, l_1_bars), l_1_loop in LoopContext(environment.getattr((undefined(name='layout') if l_0_layout is missing else l_0_layout), 'charts'), undefined):
        _loop_vars = {}
        pass
        yield '\n<g>\n<text class="caption" x="'
        yield escape(environment.getattr((undefined(name='g') if l_0_g is missing else l_0_g), 'margin'))
        yield '" y="'
        yield escape((l_1_top - 12))
        yield '">'
        yield escape(l_1_caption)
        yield '</text>\n<text class="muted" x="'
        yield escape((environment.getattr((undefined(name='g') if l_0_g is missing else l_0_g), 'width') - environment.getattr((undefined(name='g') if l_0_g is missing else l_0_g), 'margin')))
        yield '" y="'
        yield escape((l_1_top - 12))
        yield '" text-anchor="end">compliance</text>'
        l_2_loop = missing
        for l_2_b, l_2_loop in LoopContext(l_1_bars, undefined):
            l_2_y = missing
            _loop_vars = {}
            pass
            l_2_y = (l_1_top + (environment.getattr(l_2_loop, 'index0') * environment.getattr((undefined(name='g') if l_0_g is missing else l_0_g), 'row')))
            _loop_vars['y'] = l_2_y
            yield '\n<g>\n<title>'
            yield escape(environment.getattr(l_2_b, 'label'))
            yield ': '
            yield escape(environment.getattr(l_2_b, 'total'))
            yield ' total; '
            yield escape(context.call((undefined(name='counts_text') if l_0_counts_text is missing else l_0_counts_text), l_2_b, _loop_vars=_loop_vars))
            yield '; progress '
            yield escape(environment.getattr(l_2_b, 'progress'))
            yield ', score '
            yield escape(environment.getattr(l_2_b, 'score'))
            yield ', compliance '
            yield escape(environment.getattr(l_2_b, 'compliance'))
            yield '</title>\n<text x="'
            yield escape(environment.getattr((undefined(name='g') if l_0_g is missing else l_0_g), 'margin'))
            yield '" y="'
            yield escape(((undefined(name='y') if l_2_y is missing else l_2_y) + 14))
            yield '">'
            yield escape(environment.getattr(l_2_b, 'label'))
            yield '</text>'
            if environment.getattr(l_2_b, 'segments'):
                pass
                for l_3_s in environment.getattr(l_2_b, 'segments'):
                    _loop_vars = {}
                    pass
                    yield '\n<rect x="'
                    yield escape(('%.2f' % (environment.getattr((undefined(name='g') if l_0_g is missing else l_0_g), 'bar_x') + (environment.getattr(l_3_s, 'start') * environment.getattr((undefined(name='g') if l_0_g is missing else l_0_g), 'bar_width')))))
                    yield '" y="'
                    yield escape((undefined(name='y') if l_2_y is missing else l_2_y))
                    yield '" width="'
                    yield escape(('%.2f' % (environment.getattr(l_3_s, 'share') * environment.getattr((undefined(name='g') if l_0_g is missing else l_0_g), 'bar_width'))))
                    yield '" height="18" fill="'
                    yield escape(environment.getattr(l_3_s, 'colour'))
                    yield '"><title>'
                    yield escape(environment.getattr(l_3_s, 'status'))
                    yield ': '
                    yield escape(environment.getattr(l_3_s, 'number'))
                    yield ' of '
                    yield escape(environment.getattr(l_2_b, 'total'))
                    yield '</title></rect>'
                l_3_s = missing
            else:
                pass
                yield '\n<rect x="'
                yield escape((environment.getattr((undefined(name='g') if l_0_g is missing else l_0_g), 'bar_x') + 0.5))
                yield '" y="'
                yield escape(((undefined(name='y') if l_2_y is missing else l_2_y) + 0.5))
                yield '" width="'
                yield escape((environment.getattr((undefined(name='g') if l_0_g is missing else l_0_g), 'bar_width') - 1))
                yield '" height="17" fill="#ffffff" stroke="#767676" stroke-dasharray="6 4"/>'
            yield '\n<text class="num" x="'
            yield escape((environment.getattr((undefined(name='g') if l_0_g is missing else l_0_g), 'width') - environment.getattr((undefined(name='g') if l_0_g is missing else l_0_g), 'margin')))
            yield '" y="'
            yield escape(((undefined(name='y') if l_2_y is missing else l_2_y) + 14))
            yield '" text-anchor="end">'
            yield escape(environment.getattr(l_2_b, 'compliance'))
            yield '</text>\n</g>'
        l_2_loop = l_2_b = l_2_y = missing
        if (not l_1_bars):
            pass
            yield '\n<text class="muted" x="'
            yield escape(environment.getattr((undefined(name='g') if l_0_g is missing else l_0_g), 'margin'))
            yield '" y="'
            yield escape((l_1_top + 14))
            yield '">No commitments.</text>'
        yield '\n</g>'
    l_1_loop = l_1_caption = l_1_top = l_1_bars = missing
    yield '\n<text class="muted" x="'
    yield escape(environment.getattr((undefined(name='g') if l_0_g is missing else l_0_g), 'margin'))
    yield '" y="'
    yield escape(environment.getattr((undefined(name='layout') if l_0_layout is missing else l_0_layout), 'footer_y'))
    yield '" font-size="12">tracker '
    yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'version'))
    yield '; ledger SHA-256 '
    yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'ledger_sha256'))
    yield '</text>\n</svg>\n'

blocks = {}
debug_info = '3=22&4=28&5=42&7=51&8=59&9=63&19=77&20=81&21=85&22=91&23=95&24=99&26=102&27=106&28=110&29=114&33=120&34=124&35=130&38=139&40=143&41=149&42=154&43=158&45=161&46=173&47=179&48=181&49=185&52=203&54=210&57=217&58=220&62=227'