"""소극행정 신고센터: residents report officials' passive administration; the audit office handles it."""
