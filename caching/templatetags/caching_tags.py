"""`{% remembered "name" value ... %}`: a rendered fragment kept between readers' requests while
its tags stand (caching.memo, inherit=True), keyed by template, scheme, host and the values named
(a model instance by its tag). Fetch what it shows inside it (a lazy context value), or it is
fetched on every request anyway. Never put a form or anything per reader inside.

    {% load caching_tags %}
    {% remembered "blog_listing" page active_tag page_key %}...{% endremembered %}
"""

from django import template
from django.db.models import Model

from caching import memo, tags

register = template.Library()


def _vary(value):
    if isinstance(value, Model):
        name = tags.instance_tag(type(value), value.pk)
        tags.add(name)
        return name
    return str(value)


class RememberedNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, name, vary, nodelist):
        self.name, self.vary, self.nodelist = name, vary, nodelist

    def render(self, context):
        request = context.get("request")
        address = (request.scheme, request.get_host()) if request is not None else ()
        # The template too: one that extends another may fill the fragment's blocks its own way.
        template_name = context.template.name if context.template is not None else None
        vary = (_vary(value.resolve(context)) for value in self.vary)
        key = ("fragment", self.name, template_name, *address, *vary)
        return memo.remember(key, lambda: self.nodelist.render(context), inherit=True)


@register.tag
def remembered(parser, token):
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'":
        raise template.TemplateSyntaxError("{% remembered %} needs a quoted name, then the values it varies by.")
    nodelist = parser.parse(("endremembered",))
    parser.delete_first_token()
    return RememberedNode(bits[1][1:-1], [parser.compile_filter(bit) for bit in bits[2:]], nodelist)
