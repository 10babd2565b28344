# dify-https's words in English (the default). Project Fluent syntax:
# https://projectfluent.org/fluent/guide/ — `{ $name }` is an argument; plural forms
# are chosen with `{ $count -> [one] ... *[other] ... }` (English: one, other).
# Spaces that matter at either end are written `{" "}`.
# Every message here has its twin in zh-CN.ftl with the same arguments (a test checks).

## Language choice
lang-not-utf8 = dify-https: the locale ({ $locale }) is not UTF-8, so Chinese cannot be shown: speaking English. Set LANG=zh_CN.UTF-8 for Chinese.
