"""Portal furniture for synthetic notice pages: vocabularies as data, and the page templates.

The words come from the kinds of sites in ../shared/corpus (provincial health commissions,
gov.cn policy pages, county portals, repost portals); none of it is a real site's markup.
"""
from __future__ import annotations

from html import escape
from random import Random

REGIONS = ("北京市", "山西省", "吉林省", "浙江省", "河南省", "广东省", "四川省", "新疆维吾尔自治区",
           "湖北省", "江苏省", "重庆市", "太原市", "吉林市", "德清县", "阜康市", "木垒县", "海南省")
AGENCIES = ("卫生健康委员会", "人民政府", "人民政府办公厅", "中医药管理局", "教育厅", "财政厅",
            "人力资源和社会保障厅", "医疗保障局", "统计局", "市场监督管理局")
NAV = ("首页", "机构概况", "政务公开", "政策文件", "通知公告", "政策解读", "办事服务", "互动交流",
       "数据发布", "专题专栏", "信息公开目录", "依申请公开")
SECTIONS = ("通知公告", "政策文件", "工作动态", "规范性文件", "部门文件", "政府信息公开")
TOPICS = ("卫生、体育", "医疗卫生", "教育", "财政、金融、审计", "劳动、人事、监察", "综合政务")
RELATED_HEADS = ("相关文章", "相关链接", "推荐阅读", "热点信息", "最新发布")
TOOLS = ("【打印本页】", "【关闭窗口】", "【收藏】", "【纠错】", "字号：大 中 小")
SHARE = ("分享到：", "微信", "微博", "QQ空间")
CSS = ("body{margin:0;font:14px/1.8 'Microsoft YaHei',SimSun}.nav li{float:left;padding:0 18px}"
       ".crumb{color:#666}.article h1{font-size:22px;text-align:center}#zoom p{text-indent:2em}"
       ".footer{background:#f5f5f5;color:#888;text-align:center}")
ANALYTICS = ("var _hmt=_hmt||[];(function(){var hm=document.createElement('script');"
             "hm.src='/js/stat.js?id=%s';var s=document.getElementsByTagName('script')[0];"
             "s.parentNode.insertBefore(hm,s);})();")


def portal(rng: Random) -> str:
    return rng.choice(REGIONS) + rng.choice(AGENCIES)


def date(rng: Random) -> str:
    return f"{rng.randint(2005, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def head(rng: Random, title: str, site: str, charset_meta: str, layout: str) -> str:
    metas = [charset_meta, f"<title>{escape(title)}_{escape(site)}</title>",
             '<meta name="viewport" content="width=device-width, initial-scale=1">']
    if layout in ("govcn", "province"):
        # CMS pages (TRS and the like) put the article's own metadata in meta tags
        metas += [f'<meta name="ArticleTitle" content="{escape(title)}">',
                  f'<meta name="PubDate" content="{date(rng)} {rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}">',
                  f'<meta name="ContentSource" content="{escape(site)}">']
    metas += [f'<meta name="keywords" content="{escape(site)},{escape(rng.choice(SECTIONS))}">',
              '<link rel="stylesheet" href="/css/common.css">', f"<style>{CSS}</style>",
              '<script src="/js/jquery.min.js"></script>']
    return "<head>\n" + "\n".join(metas) + "\n</head>"


def top(rng: Random, site: str) -> str:
    links = "".join(f'<li><a href="/{i}/index.html">{n}</a></li>' for i, n in enumerate(NAV))
    return (f'<div class="top"><div class="logo"><a href="/">{escape(site)}</a></div>'
            '<div class="tools"><a href="#">无障碍</a> | <a href="#">长者模式</a> | <a href="#">登录</a>'
            f' <form action="/search"><input name="q" placeholder="请输入关键字"><button>搜索</button></form>'
            f'</div></div>\n<div class="nav"><ul>{links}</ul></div>')


def crumbs(rng: Random) -> str:
    path = ["首页", rng.choice(NAV[2:4]), rng.choice(SECTIONS)]
    parts = " &gt; ".join(f'<a href="/{i}/">{p}</a>' for i, p in enumerate(path))
    return f'<div class="crumb">当前位置：{parts} &gt; 正文</div>'


def meta_table(rng: Random, title: str, issuer: str, number: str, signed: str, published: str) -> str:
    """The gov.cn zhengce metadata table (索引号 / 发文机关 / 发文字号 ...)."""
    rows = (("索引号", f"000014349/{rng.randint(2005, 2024)}-{rng.randint(10, 99999):05d}"),
            ("主题分类", rng.choice(TOPICS)), ("发文机关", issuer), ("成文日期", signed),
            ("标题", title), ("发文字号", number), ("发布日期", published))
    cells = "".join(f"<tr><td><b>{k}：</b></td><td>{escape(v)}</td></tr>" for k, v in rows)
    return f'<table class="bd1" cellpadding="0" cellspacing="1">{cells}</table>'


def info_line(rng: Random, source: str, published: str) -> str:
    return (f'<div class="info">来源：{escape(source)}&nbsp;&nbsp;发布时间：{published}'
            f'&nbsp;&nbsp;浏览次数：<span id="hits">{rng.randint(10, 99999)}</span></div>')


def body(rng: Random, paragraphs: list[str]) -> str:
    """The notice text in one of the paragraph styles CMS editors produce."""
    style = rng.choice(("p", "p_indent", "br", "span"))
    if style == "br":  # old CMS: one div, lines joined by <br>
        return '<div id="zoom">' + "<br>\n".join("　　" + escape(p) for p in paragraphs) + "</div>"
    if style == "span":  # Word pasted into the editor
        return '<div id="zoom" class="TRS_Editor">' + "".join(
            f'<p class="MsoNormal"><span style="font-family:仿宋_GB2312;font-size:16pt">{escape(p)}</span></p>'
            for p in paragraphs) + "</div>"
    indent = "　　" if style == "p_indent" else ""
    return '<div id="zoom">' + "\n".join(f"<p>{indent}{escape(p)}</p>" for p in paragraphs) + "</div>"


def related(rng: Random, titles: list[str]) -> str:
    items = "".join(f'<li><a href="/art/{rng.randint(10**5, 10**7)}.html" target="_blank">{escape(t)}</a>'
                    f"<span>{date(rng)}</span></li>" for t in titles)
    return f'<div class="related"><h3>{rng.choice(RELATED_HEADS)}</h3><ul>{items}</ul></div>'


def footer(rng: Random, site: str) -> str:
    return (f'<div class="share">{"".join(f"<a>{s}</a>" for s in SHARE)}</div>'
            f'<div class="print">{" ".join(rng.sample(TOOLS, 3))}</div>'
            f'<div class="footer"><p>主办：{escape(site)}　承办：{escape(site)}信息中心</p>'
            f"<p>地址：{rng.choice(REGIONS)}{rng.randint(1, 300)}号　邮编：{rng.randint(100000, 850000)}"
            f"　联系电话：0{rng.randint(10, 999)}-{rng.randint(1000000, 89999999)}</p>"
            f'<p><a href="https://beian.miit.gov.cn/">京ICP备{rng.randint(10**7, 10**8 - 1)}号</a>'
            f"　网站标识码：{rng.randint(10**9, 10**10 - 1)}　公安机关备案号{rng.randint(10**13, 10**14 - 1)}</p></div>"
            f"<script>{ANALYTICS % rng.randint(10**6, 10**7)}</script>")
