"""`{% hole "name" %}...{% endhole %}`: a part of a shared page that may differ per request.

See listings/page_cache.py. The shared HTML keeps what the tag encloses (what most visitors
see) between two markers; a request that needs something else gets it filled in there.
"""

from django import template

from listings.page_cache import hole_marker

register = template.Library()


class HoleNode(template.Node):
    def __init__(self, name: str, nodelist):
        self.name = name
        self.nodelist = nodelist

    def render(self, context):
        start, end = hole_marker(self.name)
        return f"{start}{self.nodelist.render(context)}{end}"


@register.tag
def hole(parser, token):
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "'\"" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError('Use {% hole "name" %}...{% endhole %}.')
    nodelist = parser.parse(("endhole",))
    parser.delete_first_token()
    return HoleNode(bits[1][1:-1], nodelist)
