import { useState } from 'react';
import { RadioButtonGroupInput, useDataProvider } from 'react-admin';
import { useQuery } from '@tanstack/react-query';
import {
  Alert, Box, CircularProgress, FormControl, FormControlLabel, FormHelperText, FormLabel, Radio, RadioGroup, Tab, Tabs, Typography,
} from '@mui/material';
import { roleLabel } from '../authProvider';

/** GET /profile-settings: the seven tabs, their settings and the bubbles (options), in display order. */
export function useSettingsModel() {
  const dataProvider = useDataProvider();
  return useQuery({ queryKey: ['profile-settings'], queryFn: () => dataProvider.profileSettings(), staleTime: 5 * 60 * 1000 });
}

function help(setting, model) {
  const roles = setting.roles.map(roleLabel).join(', ');
  let text = `Matters for: ${roles}.`;
  if (setting.appliesWhen) {
    const [tabId, settingId] = setting.appliesWhen.setting.split('.');
    const other = model.tabs.find((t) => t.id === tabId)?.settings.find((s) => s.id === settingId);
    const option = other?.options.find((o) => o.id === setting.appliesWhen.option);
    text += ` Only while “${other?.label || setting.appliesWhen.setting}” is “${option?.label || setting.appliesWhen.option}”.`;
  }
  return text;
}

function ReadOnlySetting({ setting, value, model }) {
  const id = `setting-${setting.key.replace('.', '-')}`;
  return (
    <FormControl component="fieldset" sx={{ mb: 2, display: 'block' }}>
      <FormLabel component="legend" id={`${id}-label`}>{setting.label}</FormLabel>
      <RadioGroup row aria-labelledby={`${id}-label`} value={value ?? setting.default}>
        {setting.options.map((o) => <FormControlLabel key={o.id} value={o.id} control={<Radio />} label={o.label} disabled />)}
      </RadioGroup>
      <FormHelperText>{help(setting, model)}</FormHelperText>
    </FormControl>
  );
}

/**
 * The seven tabs of a profile, drawn from the settings model. Editable: bubbles bound to the form
 * (`settings.<tab>.<setting>`); otherwise locked radios showing `values`.
 */
export default function SettingsTabs({ editable, values }) {
  const { data: model, isPending, error } = useSettingsModel();
  const [tab, setTab] = useState(0);
  if (isPending) return <Box sx={{ p: 2 }}><CircularProgress aria-label="Loading the settings" /></Box>;
  if (error) return <Alert severity="error">The settings could not be loaded: {error.message}</Alert>;
  return (
    <Box sx={{ width: '100%' }}>
      <Tabs value={tab} onChange={(e, v) => setTab(v)} variant="scrollable" scrollButtons="auto" allowScrollButtonsMobile aria-label="Profile settings">
        {model.tabs.map((t, i) => <Tab key={t.id} label={t.label} id={`tab-${t.id}`} aria-controls={`tabpanel-${t.id}`} value={i} />)}
      </Tabs>
      {model.tabs.map((t, i) => (
        <Box key={t.id} role="tabpanel" id={`tabpanel-${t.id}`} aria-labelledby={`tab-${t.id}`} hidden={tab !== i} sx={{ pt: 2 }}>
          {tab === i && (
            <>
              <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>{t.description}</Typography>
              {t.settings.map((s) => (editable
                ? (
                  <RadioButtonGroupInput
                    key={s.key}
                    source={`settings.${t.id}.${s.id}`}
                    label={s.label}
                    choices={s.options}
                    optionText="label"
                    optionValue="id"
                    helperText={help(s, model)}
                    sx={{ display: 'flex', mb: 1 }}
                  />
                )
                : <ReadOnlySetting key={s.key} setting={s} value={values?.[t.id]?.[s.id]} model={model} />))}
            </>
          )}
        </Box>
      ))}
    </Box>
  );
}
