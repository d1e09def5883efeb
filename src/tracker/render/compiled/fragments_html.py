# The template fragments.html.j2 compiled by Jinja 3.1.6: written by
# `python -m tracker.render.precompiled`, never by hand.
# mypy: ignore-errors
SOURCE_SHA256 = 'bfda28b8d60e8fa0c9e0a30ee9d4ad439e7cf1bc0d63d2b41066131b7a03232e'
JINJA_VERSION = '3.1.6'
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'fragments.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_badge = l_0_party = missing
    pass
    def macro(l_1_status, l_1_rank):
        t_1 = []
        if l_1_status is missing:
            l_1_status = undefined("parameter 'status' was not provided", name='status')
        if l_1_rank is missing:
            l_1_rank = undefined("parameter 'rank' was not provided", name='rank')
        pass
        t_1.extend((
            '<span class="badge r',
            (escape_text(_v) if type(_v := (l_1_rank % 8)) is str else _v if type(_v) is Markup else escape(_v)),
        ))
        if (' ' in l_1_status):
            pass
            t_1.append(
                ' label',
            )
        t_1.extend((
            '">',
            (escape_text(_v) if type(_v := l_1_status) is str else _v if type(_v) is Markup else escape(_v)),
            '</span>',
        ))
        return concat(t_1)
    context.exported_vars.add('badge')
    context.vars['badge'] = l_0_badge = Macro(environment, macro, 'badge', ('status', 'rank'), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_p):
        t_2 = []
        if l_1_p is missing:
            l_1_p = undefined("parameter 'p' was not provided", name='p')
        pass
        t_2.extend((
            '<li><span class="party">',
            (escape_text(_v) if type(_v := (l_1_p).name) is str else _v if type(_v) is Markup else escape(_v)),
            ' (',
            (escape_text(_v) if type(_v := (l_1_p).code) is str else _v if type(_v) is Markup else escape(_v)),
            ')</span>',
            (escape_text(_v) if type(_v := context.call((undefined(name='badge') if l_0_badge is missing else l_0_badge), (l_1_p).status, (l_1_p).rank)) is str else _v if type(_v) is Markup else escape(_v)),
            '<meter min="0" max="1" value="',
            (escape_text(_v) if type(_v := (l_1_p).progress) is str else _v if type(_v) is Markup else escape(_v)),
            '"></meter><span class="muted">',
            (escape_text(_v) if type(_v := (l_1_p).progress_text) is str else _v if type(_v) is Markup else escape(_v)),
            ' delivered</span></li>',
        ))
        return concat(t_2)
    context.exported_vars.add('party')
    context.vars['party'] = l_0_party = Macro(environment, macro, 'party', ('p',), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '3=12&4=21&6=36&7=43'