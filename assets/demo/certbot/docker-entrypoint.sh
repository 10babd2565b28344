#!/bin/sh
# Demo stand-in for Dify's certbot entrypoint: it renders the update script from
# the CERTBOT_* values with sed (which is why dify-https refuses shell and sed
# syntax in them), then keeps the container alive with the given command.
set -e
printf 'CERTBOT_DOMAIN=%s CERTBOT_EMAIL=%s CERTBOT_OPTIONS=%s\n' "$CERTBOT_DOMAIN" "$CERTBOT_EMAIL" "$CERTBOT_OPTIONS"
sed -e "s|\${CERTBOT_EMAIL}|$CERTBOT_EMAIL|g" \
    -e "s|\${CERTBOT_DOMAIN}|$CERTBOT_DOMAIN|g" \
    -e "s|\${CERTBOT_OPTIONS}|$CERTBOT_OPTIONS|g" \
    /update-cert.template.txt > /update-cert.sh
chmod +x /update-cert.sh
exec "$@"
