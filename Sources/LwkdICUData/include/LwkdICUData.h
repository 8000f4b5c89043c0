/// 1 when this build links lwkdconv's reduced ICU data package (Sources/LwkdICUData/icudata.c),
/// 0 when it links the toolchain's full one.
int lwkd_icu_data_is_subset(void);
