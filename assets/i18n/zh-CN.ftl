# dify-https 的简体中文文案。Project Fluent 格式：`{ $name }` 是参数；中文没有复数形式，
# 只用 `*[other]`。产品名、环境变量、命令和按键保持拉丁字母。
# 每条消息在 en.ftl 里都有同名、同参数的一条（有测试检查）。

## Language choice
lang-not-utf8 = dify-https：当前 locale（{ $locale }）不是 UTF-8，无法显示中文，改用英文。要看中文，请设置 LANG=zh_CN.UTF-8。
